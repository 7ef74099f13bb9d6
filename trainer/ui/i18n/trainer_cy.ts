<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="cy_GB">
<context>
    <name>BranchMap</name>
    <message>
        <location filename="../tutor/branchmap.py" line="+298"/>
        <source>Branch map: {value}</source>
        <translation>Map canghennau: {value}</translation>
    </message>
</context>
<context>
    <name>BreakScreen</name>
    <message>
        <location filename="../screens/help.py" line="+151"/>
        <source>Taking a break</source>
        <translation>Cymryd seibiant</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Where to find support</source>
        <translation>Ble i gael cymorth</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Go to the &amp;library</source>
        <translation>Mynd i&apos;r &amp;llyfrgell</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Go to the library</source>
        <translation>Mynd i&apos;r llyfrgell</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Return to the case</source>
        <translation>Mynd yn ôl i&apos;r &amp;achos</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Return to the case</source>
        <translation>Mynd yn ôl i&apos;r achos</translation>
    </message>
</context>
<context>
    <name>CaseBrowser</name>
    <message>
        <location filename="../widgets.py" line="+205"/>
        <source>Open link?</source>
        <translation>Agor y ddolen?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This link opens outside Casework Trainer, in your web browser:

{shown}

Do you want to open it?</source>
        <translation>Mae&apos;r ddolen hon yn agor y tu allan i&apos;r Hyfforddwr Gwaith Achos, yn eich porwr gwe:

{shown}

Ydych chi am ei hagor?</translation>
    </message>
</context>
<context>
    <name>CaseFilePanel</name>
    <message>
        <location filename="../screens/casefile.py" line="+25"/>
        <source>&lt;b&gt;Your case file&lt;/b&gt;</source>
        <translation>&lt;b&gt;Eich ffeil achos&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Search your case file</source>
        <translation>Chwilio eich ffeil achos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shows only the scenes that mention every word you type</source>
        <translation>Yn dangos dim ond y golygfeydd sy&apos;n sôn am bob gair rydych chi&apos;n ei deipio</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search, e.g. a name or &apos;neck&apos;</source>
        <translation>Chwilio, e.e. enw neu &apos;gwddf&apos;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your case file: what you have learned so far</source>
        <translation>Eich ffeil achos: yr hyn rydych chi wedi&apos;i ddysgu hyd yma</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>{value} scene(s) so far.</source>
        <translation>Golygfeydd hyd yma: {value}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{value} of {value2} scene(s) mention “{value3}”.</source>
        <translation>{value} o {value2} golygfa yn sôn am “{value3}”.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing in your case file mentions “{value}” yet.</source>
        <translation>Does dim byd yn eich ffeil achos yn sôn am “{value}” eto.</translation>
    </message>
</context>
<context>
    <name>CaseStartScreen</name>
    <message>
        <location filename="../screens/case_start.py" line="+48"/>
        <source>Content note</source>
        <translation>Nodyn cynnwys</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Case summary and learning outcomes</source>
        <translation>Crynodeb o&apos;r achos a&apos;r deilliannau dysgu</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+81"/>
        <source>How do you want to play?</source>
        <translation>Sut hoffech chi chwarae?</translation>
    </message>
    <message>
        <location line="-61"/>
        <source>← &amp;Back to the library</source>
        <translation>← &amp;Yn ôl i&apos;r llyfrgell</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Back to the library</source>
        <translation>Yn ôl i&apos;r llyfrgell</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+78"/>
        <source>&amp;Start the case</source>
        <translation>&amp;Dechrau&apos;r achos</translation>
    </message>
    <message>
        <location line="-78"/>
        <source>Start the case</source>
        <translation>Dechrau&apos;r achos</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Resume where you left off</source>
        <translation>&amp;Parhau o&apos;r man lle gwnaethoch chi adael</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Resume where you left off</source>
        <translation>Parhau o&apos;r man lle gwnaethoch chi adael</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>&lt;p&gt;This case includes: &lt;b&gt;{value}&lt;/b&gt;&lt;/p&gt;&lt;p&gt;You can pause at any moment (Esc) and come back later; nothing is lost. Support is always one click away (Support in the toolbar).&lt;/p&gt;</source>
        <translation>&lt;p&gt;Mae&apos;r achos hwn yn cynnwys: &lt;b&gt;{value}&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Gallwch oedi ar unrhyw adeg (Esc) a dod yn ôl yn nes ymlaen; ni chollir dim. Mae cymorth bob amser un clic i ffwrdd (Cymorth yn y bar offer).&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>about {minutes} minutes</source>
        <translation>tua {minutes} munud</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Learning outcomes</source>
        <translation>Deilliannau dysgu</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>This case is played in {value} mode</source>
        <translation>Mae&apos;r achos hwn yn cael ei chwarae yn y modd {value}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Content note: this case includes {note}</source>
        <translation>Nodyn cynnwys: mae&apos;r achos hwn yn cynnwys {note}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>You have an unfinished {mode} attempt from {value} UTC. Resume it, or start again (the unfinished attempt is kept in your history).</source>
        <translation>Mae gennych ymgais {mode} heb ei gorffen o {value} UTC. Gallwch barhau â hi, neu ddechrau eto (caiff yr ymgais heb ei gorffen ei chadw yn eich hanes).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Start again</source>
        <translation>&amp;Dechrau eto</translation>
    </message>
</context>
<context>
    <name>ChartGrid</name>
    <message>
        <location filename="../charts.py" line="+147"/>
        <source>A chart for each competency appears here once you have completed a case.</source>
        <translation>Bydd siart ar gyfer pob cymhwysedd yn ymddangos yma ar ôl i chi gwblhau achos.</translation>
    </message>
</context>
<context>
    <name>ChecklistPanel</name>
    <message>
        <location filename="../screens/panels.py" line="+325"/>
        <source>your choice of indicators</source>
        <translation>eich dewis o ddangosyddion</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Confirm these indicators</source>
        <translation>&amp;Cadarnhau&apos;r dangosyddion hyn</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Confirm the checklist</source>
        <translation>Cadarnhau&apos;r rhestr wirio</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Tick the indicators your case file gives evidence for (Space, or keys 1–{value}), then press Enter or Confirm. Your case file is beside you.</source>
        <translation>Ticiwch y dangosyddion y mae tystiolaeth ar eu cyfer yn eich ffeil achos (Bylchwr, neu allweddi 1–{value}), yna pwyswch Enter neu Cadarnhau. Mae eich ffeil achos wrth eich ochr.</translation>
    </message>
</context>
<context>
    <name>ChoiceButton</name>
    <message>
        <location filename="../widgets.py" line="+58"/>
        <source>&lt;b&gt;{number}&lt;/b&gt;&amp;nbsp;&amp;nbsp;&amp;nbsp;{value}</source>
        <translation>&lt;b&gt;{number}&lt;/b&gt;&amp;nbsp;&amp;nbsp;&amp;nbsp;{value}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Press {number} to choose this</source>
        <translation>Pwyswch {number} i ddewis hwn</translation>
    </message>
</context>
<context>
    <name>CompetencyBar</name>
    <message>
        <location filename="../screens/debrief.py" line="+90"/>
        <source>not reached on this path</source>
        <translation>heb ei gyrraedd ar y llwybr hwn</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not assessed on this path</source>
        <translation>heb ei asesu ar y llwybr hwn</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no minimum</source>
        <translation>dim isafswm</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>✔ at or above the minimum of {minimum}</source>
        <translation>✔ ar yr isafswm o {minimum} neu&apos;n uwch</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>✖ below the minimum of {minimum}</source>
        <translation>✖ yn is na’r isafswm o {minimum}</translation>
    </message>
</context>
<context>
    <name>CompetencyChart</name>
    <message>
        <location filename="../charts.py" line="-107"/>
        <source>{title}: {scores} across {attempts}; {value}</source>
        <translation>{title}: {scores} ar draws {attempts}; {value}</translation>
    </message>
</context>
<context>
    <name>Debrief</name>
    <message>
        <location filename="../screens/debrief.py" line="-65"/>
        <source>No safety-critical error, and every competency met its minimum.</source>
        <translation>Dim camgymeriad diogelwch critigol, ac fe gyrhaeddodd pob cymhwysedd ei isafswm.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 safety-critical error: see below first.</source>
        <translation>1 camgymeriad diogelwch critigol: gweler isod yn gyntaf.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} safety-critical errors: see below first.</source>
        <translation>Camgymeriadau diogelwch critigol: {count}. Gweler isod yn gyntaf.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>What happened, in a sentence or two?</source>
        <translation>Beth ddigwyddodd, mewn brawddeg neu ddwy?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How did you feel at the key moments, and why?</source>
        <translation>Sut roeddech chi&apos;n teimlo ar yr adegau allweddol, a pham?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What went well, and what did not?</source>
        <translation>Beth aeth yn dda, a beth na aeth yn dda?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What sense can you make of it (theory, law, guidance)?</source>
        <translation>Sut gallwch chi wneud synnwyr ohono (theori, y gyfraith, canllawiau)?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What else could you have done?</source>
        <translation>Beth arall allech chi fod wedi&apos;i wneud?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What will you do next time?</source>
        <translation>Beth fyddwch chi&apos;n ei wneud y tro nesaf?</translation>
    </message>
</context>
<context>
    <name>DebriefScreen</name>
    <message>
        <location line="+76"/>
        <source>This case ended in harm. That follows from choices in a training case, not from who you are. If it has stirred anything up, support is one click away.</source>
        <translation>Daeth yr achos hwn i ben gyda niwed. Mae hynny&apos;n deillio o ddewisiadau mewn achos hyfforddi, nid o bwy ydych chi. Os yw wedi codi unrhyw beth i chi, mae cymorth un clic i ffwrdd.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Support and helplines</source>
        <translation>&amp;Cymorth a llinellau cymorth</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Support and helplines</source>
        <translation>Cymorth a llinellau cymorth</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where to find support: helplines and people to talk to</source>
        <translation>Ble i gael cymorth: llinellau cymorth a phobl i siarad â nhw</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Debrief: what happened and why</source>
        <translation>Ôl-drafodaeth: beth ddigwyddodd a pham</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+204"/>
        <source>Show every decision in &amp;detail</source>
        <translation>Dangos pob penderfyniad yn &amp;fanwl</translation>
    </message>
    <message>
        <location line="-203"/>
        <source>Show every decision in detail</source>
        <translation>Dangos pob penderfyniad yn fanwl</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The summary is shown first; this unfolds every decision, with feedback</source>
        <translation>Dangosir y crynodeb yn gyntaf; mae hwn yn agor pob penderfyniad, gydag adborth</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Decision to revisit</source>
        <translation>Penderfyniad i&apos;w ailystyried</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pick a decision to play again from that point, in practice mode</source>
        <translation>Dewiswch benderfyniad i chwarae eto o&apos;r pwynt hwnnw, yn y modd ymarfer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Revisit this decision</source>
        <translation>&amp;Ailystyried y penderfyniad hwn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revisit this decision</source>
        <translation>Ailystyried y penderfyniad hwn</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Replays the case from the chosen decision in practice mode: not saved, not counted</source>
        <translation>Yn ailchwarae&apos;r achos o&apos;r penderfyniad a ddewiswyd yn y modd ymarfer: nid yw&apos;n cael ei gadw na&apos;i gyfrif</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Competencies</source>
        <translation>Cymwyseddau</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+5"/>
        <source>Your reflection</source>
        <translation>Eich myfyrdod</translation>
    </message>
    <message>
        <location line="-152"/>
        <source>It is saved as you type.</source>
        <translation>Caiff ei gadw wrth i chi deipio.</translation>
    </message>
    <message>
        <location line="+152"/>
        <source>Saved automatically as you type</source>
        <translation>Caiff ei gadw&apos;n awtomatig wrth i chi deipio</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Write a few lines about this attempt…</source>
        <translation>Ysgrifennwch ychydig o linellau am yr ymgais hon…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reflection saved</source>
        <translation>Myfyrdod wedi&apos;i gadw</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Try &amp;again</source>
        <translation>Rhoi cynnig &amp;arall arni</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Try the case again</source>
        <translation>Rhoi cynnig arall ar yr achos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save portfolio P&amp;DF…</source>
        <translation>Cadw P&amp;DF portffolio…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the debrief as a portfolio PDF</source>
        <translation>Cadw&apos;r ôl-drafodaeth fel PDF portffolio</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Send to &amp;tutor…</source>
        <translation>Anfon at y &amp;tiwtor…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send to tutor</source>
        <translation>Anfon at y tiwtor</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Writes the portfolio PDF and your progress file together in a folder you choose</source>
        <translation>Yn cadw&apos;r PDF portffolio a&apos;ch ffeil cynnydd gyda&apos;i gilydd mewn ffolder o&apos;ch dewis</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Back to the &amp;library</source>
        <translation>Yn ôl i&apos;r &amp;llyfrgell</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Back to the library</source>
        <translation>Yn ôl i&apos;r llyfrgell</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>✔ Passed</source>
        <translation>✔ Wedi pasio</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>✖ Not passed</source>
        <translation>✖ Heb basio</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&lt;h1&gt;{mark}&lt;/h1&gt;&lt;p&gt;{value} · {mode} mode · overall {percent}, pass mark {pass_mark}. {value2}&lt;/p&gt;</source>
        <translation>&lt;h1&gt;{mark}&lt;/h1&gt;&lt;p&gt;{value} · modd {mode} · cyfanswm {percent}, marc pasio {pass_mark}. {value2}&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>This was a replay of one decision in practice mode: it is not saved and does not count.</source>
        <translation>Ailchwarae un penderfyniad yn y modd ymarfer oedd hwn: nid yw&apos;n cael ei gadw ac nid yw&apos;n cyfrif.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{mark}, {percent:.0f} percent</source>
        <translation>{mark}, {percent:.0f} y cant</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{mark}, {percent:.0f} percent; pass mark {pass_mark:.0f} percent. {value}</source>
        <translation>{mark}, {percent:.0f} y cant; marc pasio {pass_mark:.0f} y cant. {value}</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Hide the details</source>
        <translation>Cuddio&apos;r manylion</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Saving your reflection…</source>
        <translation>Yn cadw eich myfyrdod…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&lt;b&gt;✔ Your reflection is saved&lt;/b&gt; ({at})</source>
        <translation>&lt;b&gt;✔ Mae eich myfyrdod wedi&apos;i gadw&lt;/b&gt; ({at})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your reflection was saved at {at}</source>
        <translation>Cafodd eich myfyrdod ei gadw am {at}</translation>
    </message>
</context>
<context>
    <name>DebriefText</name>
    <message>
        <location filename="../debrief_words.py" line="+19"/>
        <source>Why</source>
        <translation>Pam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Summary</source>
        <translation>Crynodeb</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every decision, in detail</source>
        <translation>Pob penderfyniad, yn fanwl</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Safety-critical errors</source>
        <translation>Camgymeriadau diogelwch critigol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Competencies</source>
        <translation>Cymwyseddau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Risk identification and rating</source>
        <translation>Adnabod risg a phennu lefel risg</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confident, but not safe</source>
        <translation>Hyderus, ond ddim yn ddiogel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order of work</source>
        <translation>Trefn y gwaith</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your path</source>
        <translation>Eich llwybr</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>References</source>
        <translation>Cyfeiriadau</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Indicators present here:</source>
        <translation>Y dangosyddion sy&apos;n bresennol yma:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Also defensible here:</source>
        <translation>Hefyd yn amddiffynadwy yma:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Endings like this are hard to read. This one follows from choices in a training case; it says nothing about who you are as a practitioner, and harm is always the responsibility of the person who causes it. If it has stirred anything up, the Support screen lists people to talk to.</source>
        <translation>Mae&apos;n anodd darllen diweddiadau fel hyn. Mae&apos;r un hwn yn deillio o ddewisiadau mewn achos hyfforddi; nid yw&apos;n dweud dim am bwy ydych chi fel ymarferydd, a&apos;r person sy&apos;n achosi niwed sy&apos;n gyfrifol amdano bob amser. Os yw wedi codi unrhyw beth i chi, mae&apos;r sgrin Cymorth yn rhestru pobl i siarad â nhw.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>You felt highly confident about these choices, but they were not safe practice. Confidence is worth checking against evidence.</source>
        <translation>Roeddech chi&apos;n teimlo&apos;n hyderus iawn am y dewisiadau hyn, ond nid oeddent yn ymarfer diogel. Mae&apos;n werth gwirio hyder yn erbyn tystiolaeth.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>**The one to think about:** nothing went wrong; which decision would you make differently in a real visit, and why?</source>
        <translation>**Yr un i feddwl amdano:** aeth dim o&apos;i le; pa benderfyniad fyddech chi&apos;n ei wneud yn wahanol mewn ymweliad go iawn, a pham?</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>**Decisions that mattered most:**</source>
        <translation>**Y penderfyniadau a oedd yn bwysicaf:**</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The case is not finished yet.</source>
        <translation>Nid yw&apos;r achos wedi&apos;i orffen eto.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>**What happened next.** </source>
        <translation>**Beth ddigwyddodd nesaf.** </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>**The one to think about:** </source>
        <translation>**Yr un i feddwl amdano:** </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your note: </source>
        <translation>Eich nodyn: </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Safe practice here: </source>
        <translation>Ymarfer diogel yma: </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>See: </source>
        <translation>Gweler: </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>- Safety-critical error: </source>
        <translation>- Camgymeriad diogelwch critigol: </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>- ✔ ticked: </source>
        <translation>- ✔ wedi&apos;i dicio: </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>- ✖ missed: </source>
        <translation>- ✖ wedi&apos;i fethu: </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Expected practice</source>
        <translation>Ymarfer disgwyliedig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Acceptable</source>
        <translation>Derbyniol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Poor practice</source>
        <translation>Ymarfer gwael</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unsafe</source>
        <translation>Anniogel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> — safety-critical error</source>
        <translation> — camgymeriad diogelwch critigol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> · you were highly confident</source>
        <translation> · roeddech chi&apos;n hyderus iawn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> · you were moderately confident</source>
        <translation> · roeddech chi&apos;n weddol hyderus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> · you were lowly confident</source>
        <translation> · nid oeddech chi&apos;n hyderus iawn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> (must be identified)</source>
        <translation> (rhaid ei adnabod)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The order of work</source>
        <translation>Trefn y gwaith</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not reached on this path</source>
        <translation>heb ei gyrraedd ar y llwybr hwn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not assessed in this case</source>
        <translation>heb ei asesu yn yr achos hwn</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Overall score {percent}% is below the pass mark of {mark}%.</source>
        <translation>Mae&apos;r sgôr gyffredinol o {percent}% yn is na&apos;r marc pasio o {mark}%.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{title}: {got}% is below the minimum of {minimum}%.</source>
        <translation>{title}: mae {got}% yn is na&apos;r isafswm o {minimum}%.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Passed: {percent}% overall, every competency at or above its minimum, and no safety-critical error.</source>
        <translation>Wedi pasio: {percent}% yn gyffredinol, pob cymhwysedd ar ei isafswm neu&apos;n uwch, a dim camgymeriad diogelwch critigol.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{title}: not reached on this path (its minimum is {minimum}%).</source>
        <translation>{title}: heb ei gyrraedd ar y llwybr hwn (ei isafswm yw {minimum}%).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>missed {labels}, which must be identified</source>
        <translation>wedi methu {labels}, y mae&apos;n rhaid ei adnabod</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>**Ticked: nothing**</source>
        <translation>**Wedi ticio: dim**</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ticked: {items}</source>
        <translation>Wedi ticio: {items}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Rated risk: {level}</source>
        <translation>Lefel risg a roddwyd: {level}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The risk checklist (indicators ticked: {count})</source>
        <translation>Y rhestr wirio risg (dangosyddion wedi&apos;u ticio: {count})</translation>
    </message>
</context>
<context>
    <name>DecisionPanel</name>
    <message>
        <location filename="../screens/panels.py" line="-106"/>
        <source>{prompt} Press {number} to choose this.</source>
        <translation>{prompt} Pwyswch {number} i ddewis hwn.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&lt;b&gt;How confident are you that this is the right thing to do?&lt;/b&gt;</source>
        <translation>&lt;b&gt;Pa mor hyderus ydych chi mai dyma&apos;r peth iawn i&apos;w wneud?&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>How confident are you that this is the right thing to do? Press {number}.</source>
        <translation>Pa mor hyderus ydych chi mai dyma&apos;r peth iawn i&apos;w wneud? Pwyswch {number}.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>← Change my choice</source>
        <translation>← Newid fy newis</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Change my choice</source>
        <translation>Newid fy newis</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+35"/>
        <source>Press 1–{value} or click a choice.</source>
        <translation>Pwyswch 1–{value} neu cliciwch ar ddewis.</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>You chose: &lt;b&gt;{value}&lt;/b&gt;</source>
        <translation>Eich dewis: &lt;b&gt;{value}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Press 1–3 for how confident you are, or change your choice.</source>
        <translation>Pwyswch 1–3 i ddweud pa mor hyderus ydych chi, neu newidiwch eich dewis.</translation>
    </message>
</context>
<context>
    <name>EndingPanel</name>
    <message>
        <location line="+179"/>
        <source>See your &amp;debrief</source>
        <translation>Gweld eich ôl-&amp;drafodaeth</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>See your debrief</source>
        <translation>Gweld eich ôl-drafodaeth</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Support and helplines</source>
        <translation>&amp;Cymorth a llinellau cymorth</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Support and helplines</source>
        <translation>Cymorth a llinellau cymorth</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where to find support: helplines and people to talk to</source>
        <translation>Ble i gael cymorth: llinellau cymorth a phobl i siarad â nhw</translation>
    </message>
</context>
<context>
    <name>FeedbackPanel</name>
    <message>
        <location filename="../screens/feedback.py" line="+38"/>
        <source>&amp;Continue</source>
        <translation>&amp;Parhau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Continue to the next scene</source>
        <translation>Parhau i&apos;r olygfa nesaf</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Feedback: {verdicts}</source>
        <translation>Adborth: {verdicts}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Press Enter to continue to the next scene.</source>
        <translation>Pwyswch Enter i barhau i&apos;r olygfa nesaf.</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <location filename="../screens/help.py" line="-146"/>
        <source>Pick a choice, tick an indicator or pick a risk level</source>
        <translation>Dewis opsiwn, ticio dangosydd neu ddewis lefel risg</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On a new scene&apos;s text: go to the answers, or continue if there is nothing to decide. On a button: press it. Enter also confirms a checklist or a rating</source>
        <translation>Ar destun golygfa newydd: mynd i&apos;r atebion, neu barhau os nad oes dim i&apos;w benderfynu. Ar fotwm: ei bwyso. Mae Enter hefyd yn cadarnhau rhestr wirio neu lefel risg</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Space</source>
        <translation>Bylchwr</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Press the focused button, tick the focused box</source>
        <translation>Pwyso&apos;r botwm sydd â&apos;r ffocws, ticio&apos;r blwch sydd â&apos;r ffocws</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>↑ ↓ / Page Up, Page Down</source>
        <translation>↑ ↓ / Page Up, Page Down</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scroll the scene&apos;s text while it has the focus</source>
        <translation>Sgrolio testun yr olygfa tra bo&apos;r ffocws arno</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tab / Shift+Tab</source>
        <translation>Tab / Shift+Tab</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move between controls</source>
        <translation>Symud rhwng rheolyddion</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause the case (everything is saved), or leave the case start; back to the library</source>
        <translation>Oedi&apos;r achos (mae popeth yn cael ei gadw), neu adael dechrau&apos;r achos; yn ôl i&apos;r llyfrgell</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Ctrl+B</source>
        <translation>Ctrl+B</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take a break: pause and see where to find support</source>
        <translation>Cymryd seibiant: oedi a gweld ble i gael cymorth</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ctrl++ / Ctrl+−</source>
        <translation>Ctrl++ / Ctrl+−</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Larger or smaller text (remembered); Ctrl+0 resets</source>
        <translation>Testun mwy neu lai (caiff ei gofio); mae Ctrl+0 yn ailosod</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Case library</source>
        <translation>Llyfrgell achosion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Shift+P</source>
        <translation>Ctrl+Shift+P</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>My progress</source>
        <translation>Fy nghynnydd</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ctrl+F</source>
        <translation>Ctrl+F</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search the library; in a case, open your case file and search it</source>
        <translation>Chwilio&apos;r llyfrgell; mewn achos, agor eich ffeil achos a chwilio ynddi</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This help</source>
        <translation>Y cymorth hwn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Shift+S</source>
        <translation>Ctrl+Shift+S</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Support and helplines</source>
        <translation>Cymorth a llinellau cymorth</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;h2&gt;How scoring works&lt;/h2&gt;&lt;p&gt;Each decision is judged against safe practice: &lt;b&gt;✔ expected&lt;/b&gt;, &lt;b&gt;○ acceptable&lt;/b&gt;, &lt;b&gt;△ poor&lt;/b&gt; or &lt;b&gt;✖ unsafe&lt;/b&gt;. Decisions earn points towards competencies such as communication and risk identification.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Passing&lt;/b&gt; needs the case&apos;s pass mark overall, every competency at or above its minimum, and no safety-critical error. A &lt;b&gt;safety-critical error&lt;/b&gt; (for example telling the person causing harm what a victim disclosed) fails the attempt whatever the points, because in practice it could not be made up for.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Risk checklists&lt;/b&gt; ask what the evidence shows. Missing a real indicator weighs more than ticking one that is not there, but ticking everything scores badly too: the aim is judgement, not caution. An indicator only counts if your path could have shown it to you; if you skipped the conversation that would have, the feedback says where.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Risk ratings&lt;/b&gt;: rating too low costs more than rating too high, and rating far too low can be a safety-critical error.&lt;/li&gt;&lt;li&gt;A competency your path never reached shows as &lt;b&gt;not reached on this path&lt;/b&gt;, not as 0%.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Practice&lt;/b&gt; mode gives feedback after each decision; &lt;b&gt;assessed&lt;/b&gt; mode only at the debrief. My progress keeps the two apart and compares a competency only with the same case in the same mode. A replay of one decision (“Revisit this decision”) is practice, not saved and never counted.&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;h2&gt;Sut mae&apos;r sgorio&apos;n gweithio&lt;/h2&gt;&lt;p&gt;Caiff pob penderfyniad ei farnu yn erbyn ymarfer diogel: &lt;b&gt;✔ disgwyliedig&lt;/b&gt;, &lt;b&gt;○ derbyniol&lt;/b&gt;, &lt;b&gt;△ gwael&lt;/b&gt; neu &lt;b&gt;✖ anniogel&lt;/b&gt;. Mae penderfyniadau&apos;n ennill pwyntiau tuag at gymwyseddau fel cyfathrebu ac adnabod risg.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;I &lt;b&gt;basio&lt;/b&gt;, mae angen marc pasio&apos;r achos yn gyffredinol, pob cymhwysedd ar ei isafswm neu&apos;n uwch, a dim camgymeriad diogelwch critigol. Mae &lt;b&gt;camgymeriad diogelwch critigol&lt;/b&gt; (er enghraifft dweud wrth y person sy&apos;n achosi niwed beth a ddatgelodd dioddefwr) yn golygu nad yw&apos;r ymgais yn pasio beth bynnag fo&apos;r pwyntiau, oherwydd mewn ymarfer ni fyddai modd gwneud iawn amdano.&lt;/li&gt;&lt;li&gt;Mae &lt;b&gt;rhestrau gwirio risg&lt;/b&gt; yn gofyn beth mae&apos;r dystiolaeth yn ei ddangos. Mae methu dangosydd go iawn yn pwyso mwy na thicio un nad yw yno, ond mae ticio popeth yn sgorio&apos;n wael hefyd: barn yw&apos;r nod, nid gofal gormodol. Dim ond os gallai eich llwybr fod wedi&apos;i ddangos i chi y mae dangosydd yn cyfrif; os gwnaethoch hepgor y sgwrs a fyddai wedi gwneud hynny, mae&apos;r adborth yn dweud ble.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Lefelau risg&lt;/b&gt;: mae rhoi lefel rhy isel yn costio mwy na rhoi lefel rhy uchel, a gall lefel llawer rhy isel fod yn gamgymeriad diogelwch critigol.&lt;/li&gt;&lt;li&gt;Mae cymhwysedd na chyrhaeddodd eich llwybr erioed yn cael ei ddangos fel &lt;b&gt;heb ei gyrraedd ar y llwybr hwn&lt;/b&gt;, nid fel 0%.&lt;/li&gt;&lt;li&gt;Mae&apos;r modd &lt;b&gt;ymarfer&lt;/b&gt; yn rhoi adborth ar ôl pob penderfyniad; dim ond yn yr ôl-drafodaeth y mae&apos;r modd &lt;b&gt;asesu&lt;/b&gt; yn gwneud hynny. Mae Fy nghynnydd yn cadw&apos;r ddau ar wahân ac yn cymharu cymhwysedd â&apos;r un achos yn yr un modd yn unig. Ymarfer yw ailchwarae un penderfyniad (“Ailystyried y penderfyniad hwn”): nid yw&apos;n cael ei gadw ac nid yw byth yn cyfrif.&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Help</source>
        <translation>Help</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keyboard shortcuts</source>
        <translation>Llwybrau byr bysellfwrdd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About</source>
        <translation>Ynghylch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your progress is stored on this computer in:</source>
        <translation>Mae eich cynnydd yn cael ei storio ar y cyfrifiadur hwn yn:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>If something goes wrong, the log file is:</source>
        <translation>Os aiff rhywbeth o&apos;i le, dyma&apos;r ffeil log:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Casework Trainer {version}: practise domestic abuse casework (victim/survivor safeguarding and safe perpetrator engagement) on branching cases, offline.</source>
        <translation>Hyfforddwr Gwaith Achos {version}: ymarfer gwaith achos cam-drin domestig (diogelu dioddefwyr/goroeswyr ac ymgysylltu&apos;n ddiogel â chyflawnwyr) ar achosion canghennog, heb gysylltiad â&apos;r rhyngrwyd.</translation>
    </message>
</context>
<context>
    <name>HelpScreen</name>
    <message>
        <location line="+13"/>
        <source>Help, keyboard shortcuts, support and about</source>
        <translation>Help, llwybrau byr bysellfwrdd, cymorth a gwybodaeth am y rhaglen</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <location filename="../language.py" line="+265"/>
        <source>All</source>
        <translation>Y cyfan</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>In: {names}</source>
        <translation>Ar gael yn: {names}</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <location filename="../language_glue.py" line="+29"/>
        <source>&amp;Language</source>
        <translation>&amp;Iaith</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This case is not available in Welsh yet, so it is shown in English.</source>
        <translation>Nid yw&apos;r achos hwn ar gael yn Gymraeg eto, felly mae&apos;n cael ei ddangos yn Saesneg.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;View</source>
        <translation>&amp;Gweld</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language:</source>
        <translation>&amp;Iaith:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language of the app</source>
        <translation>Iaith y rhaglen</translation>
    </message>
</context>
<context>
    <name>LibraryScreen</name>
    <message>
        <location filename="../screens/library.py" line="+68"/>
        <source>Case library</source>
        <translation>Llyfrgell achosion</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Search cases by title, summary or tag</source>
        <translation>Chwilio achosion yn ôl teitl, crynodeb neu dag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search (Ctrl+F)</source>
        <translation>Chwilio (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Filter by language</source>
        <translation>Hidlo yn ôl iaith</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Search</source>
        <translation>&amp;Chwilio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>F&amp;ocus</source>
        <translation>Ff&amp;ocws</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Tag</source>
        <translation>&amp;Tag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>St&amp;atus</source>
        <translation>S&amp;tatws</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>La&amp;nguage</source>
        <translation>&amp;Iaith</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Cases</source>
        <translation>Achosion</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Press Enter to open the selected case</source>
        <translation>Pwyswch Enter i agor yr achos a ddewiswyd</translation>
    </message>
    <message>
        <location line="+33"/>
        <location line="+153"/>
        <location line="+62"/>
        <source>Loading cases…</source>
        <translation>Yn llwytho achosion…</translation>
    </message>
    <message>
        <location line="-212"/>
        <source>Add a case &amp;folder…</source>
        <translation>Ychwanegu &amp;ffolder achosion…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add a folder of cases</source>
        <translation>Ychwanegu ffolder o achosion</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Open case</source>
        <translation>&amp;Agor achos</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open the selected case</source>
        <translation>Agor yr achos a ddewiswyd</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Signed in as &lt;b&gt;{value}&lt;/b&gt;</source>
        <translation>Wedi mewngofnodi fel &lt;b&gt;{value}&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>{minutes} min</source>
        <translation>{minutes} munud</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>{shown} of {total} cases</source>
        <translation>{shown} o {total} achos</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>1 case</source>
        <translation>1 achos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{total} cases</source>
        <translation>{total} achos</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>; {broken} could not be opened</source>
        <translation>; methwyd agor {broken}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (checking…)</source>
        <translation> (yn gwirio…)</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>No cases were found. Use &lt;b&gt;Add a case folder…&lt;/b&gt; to add the cases your tutor gave you.</source>
        <translation>Ni chafwyd hyd i unrhyw achosion. Defnyddiwch &lt;b&gt;Ychwanegu ffolder achosion…&lt;/b&gt; i ychwanegu&apos;r achosion a roddodd eich tiwtor i chi.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No case matches this search and these filters. Clear the search box or set a filter back to &lt;b&gt;All&lt;/b&gt; to see more cases.</source>
        <translation>Does dim achos yn cyfateb i&apos;r chwiliad a&apos;r hidlwyr hyn. Cliriwch y blwch chwilio neu rhowch hidlydd yn ôl ar &lt;b&gt;Y cyfan&lt;/b&gt; i weld rhagor o achosion.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>⚠ &lt;b&gt;{value}&lt;/b&gt; cannot be opened: {value2}&lt;br&gt;Tell the case author; the rest of the library works as normal.</source>
        <translation>⚠ Does dim modd agor &lt;b&gt;{value}&lt;/b&gt;: {value2}&lt;br&gt;Rhowch wybod i awdur yr achos; mae gweddill y llyfrgell yn gweithio fel arfer.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>about {minutes} minutes</source>
        <translation>tua {minutes} munud</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Tags: {tags}</source>
        <translation>Tagiau: {tags}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&lt;b&gt;{value}&lt;/b&gt;&lt;br&gt;{value2}{tags}{summary}</source>
        <translation>&lt;b&gt;{value}&lt;/b&gt;&lt;br&gt;{value2}{tags}{summary}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="+33"/>
        <location line="+1"/>
        <source>Casework Trainer</source>
        <translation>Hyfforddwr Gwaith Achos</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Switch &amp;profile</source>
        <translation>Newid &amp;proffil</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Add a case folder…</source>
        <translation>&amp;Ychwanegu ffolder achosion…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Tutor mode (author and test cases)…</source>
        <translation>Modd &amp;tiwtor (ysgrifennu a phrofi achosion)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quit</source>
        <translation>&amp;Gadael</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Larger text</source>
        <translation>Testun &amp;mwy</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Smaller text</source>
        <translation>Testun &amp;llai</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Normal text size</source>
        <translation>Maint testun &amp;arferol</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Case &amp;library</source>
        <translation>&amp;Llyfrgell achosion</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>My &amp;progress</source>
        <translation>Fy &amp;nghynnydd</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+23"/>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>&amp;Support</source>
        <translation>&amp;Cymorth</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Where to find support: helplines</source>
        <translation>Ble i gael cymorth: llinellau cymorth</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;About</source>
        <translation>&amp;Ynghylch</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;File</source>
        <translation>&amp;Ffeil</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;View</source>
        <translation>&amp;Gweld</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Go</source>
        <translation>&amp;Mynd</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Main</source>
        <translation>Prif</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Main toolbar</source>
        <translation>Prif far offer</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>Your reflection is saved.</source>
        <translation>Mae eich myfyrdod wedi&apos;i gadw.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the case library</source>
        <translation>y llyfrgell achosion</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>My progress</source>
        <translation>Fy nghynnydd</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Paused. Your progress is saved; open the case to resume.</source>
        <translation>Wedi oedi. Mae eich cynnydd wedi&apos;i gadw; agorwch yr achos i barhau.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Add a folder of cases</source>
        <translation>Ychwanegu ffolder o achosion</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open a folder of cases in tutor mode</source>
        <translation>Agor ffolder o achosion yn y modd tiwtor</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Save the debrief as PDF</source>
        <translation>Cadw&apos;r ôl-drafodaeth fel PDF</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Portfolio PDF saved to {path}</source>
        <translation>PDF portffolio wedi&apos;i gadw yn {path}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your portfolio PDF is saved:
{path}</source>
        <translation>Mae eich PDF portffolio wedi&apos;i gadw:
{path}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose a folder for your tutor (e.g. a shared drive)</source>
        <translation>Dewiswch ffolder ar gyfer eich tiwtor (e.e. gyriant a rennir)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Saved for your tutor in {folder}</source>
        <translation>Wedi&apos;i gadw ar gyfer eich tiwtor yn {folder}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Saved for your tutor in {folder}:
{names}

Send both files to your tutor (for example by email or your course&apos;s shared drive). The progress file can be imported into their copy of the trainer.</source>
        <translation>Wedi&apos;i gadw ar gyfer eich tiwtor yn {folder}:
{names}

Anfonwch y ddwy ffeil at eich tiwtor (er enghraifft drwy e-bost neu yriant a rennir eich cwrs). Gellir mewnforio&apos;r ffeil cynnydd i&apos;w copi nhw o&apos;r hyfforddwr.</translation>
    </message>
</context>
<context>
    <name>Panel</name>
    <message>
        <location filename="../screens/panels.py" line="-369"/>
        <source>Why? &lt;i&gt;(optional)&lt;/i&gt; A line on what {value} rests on:</source>
        <translation>Pam? &lt;i&gt;(dewisol)&lt;/i&gt; Llinell am sail {value}:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Why? Your note (optional)</source>
        <translation>Pam? Eich nodyn (dewisol)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved with this decision; shown in your debrief and to your tutor</source>
        <translation>Caiff ei gadw gyda&apos;r penderfyniad hwn; caiff ei ddangos yn eich ôl-drafodaeth ac i&apos;ch tiwtor</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. what she said that made you tick it</source>
        <translation>e.e. beth ddywedodd hi a wnaeth i chi ei dicio</translation>
    </message>
</context>
<context>
    <name>PathTable</name>
    <message>
        <location filename="../tutor/pathtable.py" line="+251"/>
        <source>Show paths through choice</source>
        <translation>Dangos llwybrau drwy&apos;r dewis</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Paths &amp;through choice:</source>
        <translation>Llwybrau &amp;drwy&apos;r dewis:</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>{key} (in {sid})</source>
        <translation>{key} (yn {sid})</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>This case has errors; fix them to see its paths.</source>
        <translation>Mae gwallau yn yr achos hwn; cywirwch nhw i weld ei lwybrau.</translation>
    </message>
</context>
<context>
    <name>PlayerScreen</name>
    <message>
        <location filename="../screens/player.py" line="+85"/>
        <source>Progress through the case</source>
        <translation>Cynnydd drwy&apos;r achos</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Take a &amp;break</source>
        <translation>Cymryd &amp;seibiant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take a break</source>
        <translation>Cymryd seibiant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause and see where to find support</source>
        <translation>Oedi a gweld ble i gael cymorth</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Pause</source>
        <translation>&amp;Oedi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause</source>
        <translation>Oedi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save and go back to the library (Esc)</source>
        <translation>Cadw a mynd yn ôl i&apos;r llyfrgell (Esc)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Case fi&amp;le</source>
        <translation>&amp;Ffeil achos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Case file</source>
        <translation>Ffeil achos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show or hide what you have learned so far: every scene, who said what, and what you did (Ctrl+F searches it)</source>
        <translation>Dangos neu guddio&apos;r hyn rydych chi wedi&apos;i ddysgu hyd yma: pob golygfa, pwy ddywedodd beth, a beth wnaethoch chi (mae Ctrl+F yn chwilio ynddi)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Scene text</source>
        <translation>Testun yr olygfa</translation>
    </message>
    <message>
        <location line="+61"/>
        <location line="+3"/>
        <source>Step {seen} of about {total}</source>
        <translation>Cam {seen} o tua {total}</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>{title}: step {seen} of about {total}</source>
        <translation>{title}: cam {seen} o tua {total}</translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message>
        <location filename="../tutor/problems.py" line="+63"/>
        <source>Severity</source>
        <translation>Difrifoldeb</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Location</source>
        <translation>Lleoliad</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Message</source>
        <translation>Neges</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Double-click a problem to see the lines it is about.</source>
        <translation>Cliciwch ddwywaith ar broblem i weld y llinellau y mae&apos;n sôn amdanynt.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No problems.</source>
        <translation>Dim problemau.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open in editor</source>
        <translation>Agor yn y golygydd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the file in your system&apos;s default editor</source>
        <translation>Agor y ffeil yng ngolygydd diofyn eich system</translation>
    </message>
</context>
<context>
    <name>Profile</name>
    <message>
        <location filename="../screens/profile.py" line="+28"/>
        <source>Practise domestic abuse casework on short branching cases. Your answers and progress stay on this computer. Some cases deal with distressing themes: each one has a content note, you can pause at any moment, and support is always one click away (Support in the toolbar).</source>
        <translation>Ymarferwch waith achos cam-drin domestig ar achosion canghennog byr. Mae eich atebion a&apos;ch cynnydd yn aros ar y cyfrifiadur hwn. Mae rhai achosion yn ymdrin â themâu gofidus: mae nodyn cynnwys gyda phob un, gallwch oedi ar unrhyw adeg, ac mae cymorth bob amser un clic i ffwrdd (Cymorth yn y bar offer).</translation>
    </message>
</context>
<context>
    <name>ProfileScreen</name>
    <message>
        <location line="+26"/>
        <source>Welcome to Casework Trainer</source>
        <translation>Croeso i&apos;r Hyfforddwr Gwaith Achos</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Continue with your profile</source>
        <translation>Parhau gyda&apos;ch proffil</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Profiles on this computer</source>
        <translation>Proffiliau ar y cyfrifiadur hwn</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Continue</source>
        <translation>&amp;Parhau</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Continue with the selected profile</source>
        <translation>Parhau gyda&apos;r proffil a ddewiswyd</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Create a new profile</source>
        <translation>Creu proffil newydd</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your name (required)</source>
        <translation>Eich enw (gofynnol)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Student ID number (optional)</source>
        <translation>Rhif adnabod myfyriwr (dewisol)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cohort or course (optional)</source>
        <translation>Carfan neu gwrs (dewisol)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The name you want to see, e.g. Alex</source>
        <translation>Yr enw rydych chi am ei weld, e.e. Alex</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Optional: for your tutor&apos;s records</source>
        <translation>Dewisol: ar gyfer cofnodion eich tiwtor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Optional: e.g. BA Social Work 2026</source>
        <translation>Dewisol: e.e. BA Gwaith Cymdeithasol 2026</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Name</source>
        <translation>&amp;Enw</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Student &amp;ID</source>
        <translation>Rhif &amp;myfyriwr</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;ohort</source>
        <translation>C&amp;arfan</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>C&amp;reate profile</source>
        <translation>C&amp;reu proffil</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Create the new profile</source>
        <translation>Creu&apos;r proffil newydd</translation>
    </message>
</context>
<context>
    <name>ProgressScreen</name>
    <message>
        <location filename="../screens/progress.py" line="+40"/>
        <source>My progress</source>
        <translation>Fy nghynnydd</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Attempts per case</source>
        <translation>Ymgeisiau fesul achos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Press Enter on a completed attempt to see its debrief</source>
        <translation>Pwyswch Enter ar ymgais wedi&apos;i chwblhau i weld ei hôl-drafodaeth</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Case / attempt</source>
        <translation>Achos / ymgais</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mode</source>
        <translation>Modd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Statws</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Score</source>
        <translation>Sgôr</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Result</source>
        <translation>Canlyniad</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Competency trend across attempts</source>
        <translation>Tuedd cymhwysedd ar draws ymgeisiau</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Competency</source>
        <translation>Cymhwysedd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Latest</source>
        <translation>Diweddaraf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scores, oldest first</source>
        <translation>Sgorau, yr hynaf yn gyntaf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trend</source>
        <translation>Tuedd</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Competency charts across attempts</source>
        <translation>Siartiau cymhwysedd ar draws ymgeisiau</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Competencies across attempts</source>
        <translation>Cymwyseddau ar draws ymgeisiau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Competencies: &amp;chart</source>
        <translation>Cymwyseddau: &amp;siart</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Competencies: &amp;table</source>
        <translation>Cymwyseddau: &amp;tabl</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>best {percent}</source>
        <translation>gorau {percent}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>attempts: {count}</source>
        <translation>ymgeisiau: {count}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>✔ Passed</source>
        <translation>✔ Wedi pasio</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>✖ Not passed</source>
        <translation>✖ Heb basio</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Attempt {n} · {when} UTC</source>
        <translation>Ymgais {n} · {when} UTC</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> · replay of one decision, not counted</source>
        <translation> · ailchwarae un penderfyniad, heb ei gyfrif</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Press Enter or double-click to see this debrief again</source>
        <translation>Pwyswch Enter neu cliciwch ddwywaith i weld yr ôl-drafodaeth hon eto</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Attempts: {count}; cases: {cases}.</source>
        <translation>Ymgeisiau: {count}; achosion: {cases}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tutor plays are not counted. Open a completed attempt to read its debrief again. Competencies are compared like with like: the same case in the same mode (practice and assessed apart); a competency your path did not reach is left out, not counted as 0, and a replay of one decision is never counted.</source>
        <translation>Nid yw chwarae gan diwtor yn cyfrif. Agorwch ymgais wedi&apos;i chwblhau i ddarllen ei hôl-drafodaeth eto. Caiff cymwyseddau eu cymharu&apos;n deg: yr un achos yn yr un modd (ymarfer ac asesu ar wahân); caiff cymhwysedd na chyrhaeddodd eich llwybr ei adael allan, nid ei gyfrif fel 0, ac nid yw ailchwarae un penderfyniad byth yn cyfrif.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No attempts yet. Open a case from the library to begin.</source>
        <translation>Dim ymgeisiau eto. Agorwch achos o&apos;r llyfrgell i ddechrau.</translation>
    </message>
</context>
<context>
    <name>RatingPanel</name>
    <message>
        <location filename="../screens/panels.py" line="+243"/>
        <source>Scale: &lt;b&gt;{value}&lt;/b&gt;, lowest risk first</source>
        <translation>Graddfa: &lt;b&gt;{value}&lt;/b&gt;, y risg isaf yn gyntaf</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Risk level {shown}</source>
        <translation>Lefel risg {shown}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>your rating</source>
        <translation>eich lefel risg</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Confirm this rating</source>
        <translation>&amp;Cadarnhau&apos;r lefel risg hon</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Confirm the risk rating</source>
        <translation>Cadarnhau&apos;r lefel risg</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Scale from lowest to highest risk. Keys 1–{value} pick a level; Enter confirms.</source>
        <translation>Graddfa o&apos;r risg isaf i&apos;r risg uchaf. Mae allweddi 1–{value} yn dewis lefel; mae Enter yn cadarnhau.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Pick a risk level first (keys 1–{value}), then confirm.</source>
        <translation>Dewiswch lefel risg yn gyntaf (allweddi 1–{value}), yna cadarnhewch.</translation>
    </message>
</context>
<context>
    <name>SavedDialog</name>
    <message>
        <location filename="../dialogs.py" line="+57"/>
        <source>Open &amp;folder</source>
        <translation>Agor &amp;ffolder</translation>
    </message>
</context>
<context>
    <name>Support</name>
    <message>
        <location filename="../support.py" line="+16"/>
        <source>Emergency</source>
        <translation>Argyfwng</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>If you are in danger now. If you cannot speak, press 55 when asked.</source>
        <translation>Os ydych chi mewn perygl nawr. Os na allwch siarad, pwyswch 55 pan ofynnir i chi.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>National Domestic Abuse Helpline (Refuge)</source>
        <translation>Llinell Gymorth Genedlaethol Cam-drin Domestig (Refuge)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Free, 24 hours, for anyone experiencing domestic abuse, and people worried about someone.</source>
        <translation>Am ddim, 24 awr, i unrhyw un sy&apos;n profi cam-drin domestig, a phobl sy&apos;n poeni am rywun.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Live Fear Free (Wales)</source>
        <translation>Byw Heb Ofn (Cymru)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Free, 24 hours, 7 days. Answers in Welsh or English.</source>
        <translation>Am ddim, 24 awr, 7 diwrnod. Gallwch siarad Cymraeg neu Saesneg.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Men&apos;s Advice Line</source>
        <translation>Llinell Gyngor i Ddynion (Men&apos;s Advice Line)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>For men experiencing domestic abuse.</source>
        <translation>I ddynion sy&apos;n profi cam-drin domestig.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Respect Phoneline</source>
        <translation>Llinell Ffôn Respect</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>For people worried about their own behaviour towards a partner.</source>
        <translation>I bobl sy&apos;n poeni am eu hymddygiad eu hunain tuag at bartner.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Galop</source>
        <translation>Galop</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>For LGBT+ people experiencing abuse.</source>
        <translation>I bobl LHDT+ sy&apos;n profi camdriniaeth.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>National Stalking Helpline</source>
        <translation>Llinell Gymorth Genedlaethol ar Stelcio</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Advice on stalking.</source>
        <translation>Cyngor ar stelcio.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Take as long as you need. Your progress is saved, and the case will wait for you exactly where you left it. Some of this material is close to real life; if it has stirred something up, you are not alone.</source>
        <translation>Cymerwch gymaint o amser ag sydd ei angen arnoch. Mae eich cynnydd wedi&apos;i gadw, a bydd yr achos yn aros amdanoch yn union lle gwnaethoch ei adael. Mae peth o&apos;r deunydd hwn yn agos at fywyd go iawn; os yw wedi codi rhywbeth i chi, nid ydych chi ar eich pen eich hun.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Your university&apos;s student support or wellbeing service, your personal tutor and your practice educator can also help.</source>
        <translation>Gall gwasanaeth cymorth neu lesiant myfyrwyr eich prifysgol, eich tiwtor personol a&apos;ch addysgwr ymarfer helpu hefyd.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Numbers from public sources; check opening hours before you call.</source>
        <translation>Rhifau o ffynonellau cyhoeddus; gwiriwch yr oriau agor cyn ffonio.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Where to find support</source>
        <translation>Ble i gael cymorth</translation>
    </message>
</context>
<context>
    <name>SupportDialog</name>
    <message>
        <location filename="../dialogs.py" line="+30"/>
        <location line="+1"/>
        <source>Support</source>
        <translation>Cymorth</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Support information and helplines</source>
        <translation>Gwybodaeth am gymorth a llinellau cymorth</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Close</source>
        <translation>Cau</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close support</source>
        <translation>Cau&apos;r cymorth</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <location filename="../lrs.py" line="+67"/>
        <source>Learning records waiting to send</source>
        <translation>Cofnodion dysgu yn aros i&apos;w hanfon</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>1 record waiting to send</source>
        <translation>1 cofnod yn aros i&apos;w anfon</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} records waiting to send</source>
        <translation>{count} cofnod yn aros i&apos;w hanfon</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All records sent</source>
        <translation>Pob cofnod wedi&apos;i anfon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> · last sent {when}</source>
        <translation> · anfonwyd ddiwethaf {when}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not sent yet: {problem}
Nothing is lost; the app keeps trying.</source>
        <translation>Heb ei anfon eto: {problem}
Nid oes dim wedi&apos;i golli; mae&apos;r ap yn dal i geisio.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Your progress is also sent to your course&apos;s Learning Record Store.</source>
        <translation>Mae eich cynnydd hefyd yn cael ei anfon i Storfa Cofnodion Dysgu eich cwrs.</translation>
    </message>
    <message>
        <location line="+173"/>
        <source>Learning &amp;Record Store…</source>
        <translation>Storfa &amp;Cofnodion Dysgu…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>For course leads: send progress to an LRS (xAPI)</source>
        <translation>I arweinwyr cwrs: anfon cynnydd i Storfa Cofnodion Dysgu (xAPI)</translation>
    </message>
</context>
<context>
    <name>TutorPlayer</name>
    <message>
        <location filename="../tutor/player.py" line="+84"/>
        <source>▶ Play from this scene</source>
        <translation>▶ Chwarae o&apos;r olygfa hon</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start a tutor play (never recorded)</source>
        <translation>Dechrau chwarae fel tiwtor (ni chaiff byth ei gofnodi)</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>What happened, and the score so far:</source>
        <translation>Beth ddigwyddodd, a&apos;r sgôr hyd yma:</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Fix this case&apos;s errors to play it.</source>
        <translation>Cywirwch wallau&apos;r achos hwn i&apos;w chwarae.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{title}: choose a scene and flags, then press Play.</source>
        <translation>{title}: dewiswch olygfa a baneri, yna pwyswch Chwarae.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Counter {name}</source>
        <translation>Cownter {name}</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>{value}&lt;br&gt;&lt;small&gt;{value2}&lt;/small&gt;</source>
        <translation>{value}&lt;br&gt;&lt;small&gt;{value2}&lt;/small&gt;</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Choose</source>
        <translation>Dewis</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Submit checklist</source>
        <translation>Cyflwyno&apos;r rhestr wirio</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Rate</source>
        <translation>Rhoi lefel</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Continue</source>
        <translation>Parhau</translation>
    </message>
</context>
<context>
    <name>TutorTranslations</name>
    <message>
        <location filename="../tutor/translations.py" line="+21"/>
        <source>{language}: the translation file has errors (see Problems)</source>
        <translation>{language}: mae gwallau yn y ffeil gyfieithu (gweler Problemau)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{language}: {percent}% translated</source>
        <translation>{language}: {percent}% wedi&apos;i gyfieithu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> ({missing} of {total} texts untranslated)</source>
        <translation> ({missing} o {total} testun heb eu cyfieithu)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>, needs review by a fluent speaker</source>
        <translation>, angen ei adolygu gan siaradwr rhugl</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>English only: no translation beside this case</source>
        <translation>Saesneg yn unig: does dim cyfieithiad wrth ymyl yr achos hwn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Translations of this case</source>
        <translation>Cyfieithiadau o&apos;r achos hwn</translation>
    </message>
</context>
<context>
    <name>TutorWindow</name>
    <message>
        <location filename="../tutor/window.py" line="+64"/>
        <source>Tutor mode — {folder}</source>
        <translation>Modd tiwtor — {folder}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Click a scene on the map to see it here.</source>
        <translation>Cliciwch ar olygfa ar y map i&apos;w gweld yma.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Branch map</source>
        <translation>Map canghennau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paths</source>
        <translation>Llwybrau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Play</source>
        <translation>Chwarae</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Reload</source>
        <translation>Ail-lwytho</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test paths</source>
        <translation>Profi llwybrau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New case…</source>
        <translation>Achos newydd…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export map as PNG…</source>
        <translation>Allforio&apos;r map fel PNG…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export map as SVG…</source>
        <translation>Allforio&apos;r map fel SVG…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zoom in</source>
        <translation>Chwyddo i mewn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom out</source>
        <translation>Chwyddo allan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit map</source>
        <translation>Ffitio&apos;r map</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Case</source>
        <translation>&amp;Achos</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Map</source>
        <translation>&amp;Map</translation>
    </message>
    <message>
        <location line="+154"/>
        <source>Exported {target}</source>
        <translation>Wedi allforio {target}</translation>
    </message>
</context>
<context>
    <name>Words</name>
    <message>
        <location filename="../library.py" line="+35"/>
        <source>Victim/survivor safeguarding</source>
        <translation>Diogelu dioddefwyr/goroeswyr</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Perpetrator engagement</source>
        <translation>Ymgysylltu â chyflawnwyr</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Safeguarding and perpetrator engagement</source>
        <translation>Diogelu ac ymgysylltu â chyflawnwyr</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>England</source>
        <translation>Lloegr</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wales</source>
        <translation>Cymru</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>England and Wales</source>
        <translation>Cymru a Lloegr</translation>
    </message>
    <message>
        <location filename="../screens/case_start.py" line="-128"/>
        <source>&amp;Practice</source>
        <translation>&amp;Ymarfer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>feedback after each decision</source>
        <translation>adborth ar ôl pob penderfyniad</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Assessed</source>
        <translation>&amp;Asesu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>feedback at the debrief only</source>
        <translation>adborth yn yr ôl-drafodaeth yn unig</translation>
    </message>
    <message>
        <location filename="../screens/library.py" line="-375"/>
        <source>Case</source>
        <translation>Achos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Focus</source>
        <translation>Ffocws</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details</source>
        <translation>Manylion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Statws</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Best score</source>
        <translation>Sgôr orau</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not started</source>
        <translation>Heb ddechrau</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../screens/progress.py" line="-137"/>
        <source>▶ In progress</source>
        <translation>▶ Ar y gweill</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../screens/progress.py" line="+1"/>
        <source>● Completed</source>
        <translation>● Wedi&apos;i gwblhau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>✔ Passed</source>
        <translation>✔ Wedi pasio</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Introductory</source>
        <translation>Rhagarweiniol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Intermediate</source>
        <translation>Canolradd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Advanced</source>
        <translation>Uwch</translation>
    </message>
    <message>
        <location filename="../screens/panels.py" line="-374"/>
        <source>Not very confident</source>
        <translation>Ddim yn hyderus iawn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fairly confident</source>
        <translation>Eithaf hyderus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Very confident</source>
        <translation>Hyderus iawn</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The case reached a good outcome.</source>
        <translation>Cafodd yr achos ganlyniad da.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The case reached a mixed outcome.</source>
        <translation>Cafodd yr achos ganlyniad cymysg.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The case reached a poor outcome.</source>
        <translation>Cafodd yr achos ganlyniad gwael.</translation>
    </message>
    <message>
        <location line="+381"/>
        <source>The case has ended.</source>
        <translation>Mae&apos;r achos wedi dod i ben.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Endings like this happen in real practice too, and they can stay with you. If this has stirred anything up, support is one click away.</source>
        <translation>Mae diweddiadau fel hyn yn digwydd mewn ymarfer go iawn hefyd, a gallan nhw aros gyda chi. Os yw hyn wedi codi unrhyw beth i chi, mae cymorth un clic i ffwrdd.</translation>
    </message>
    <message>
        <location filename="../screens/progress.py" line="+1"/>
        <source>Left unfinished</source>
        <translation>Heb ei gorffen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>⚠ Case changed since</source>
        <translation>⚠ Mae&apos;r achos wedi newid ers hynny</translation>
    </message>
    <message>
        <location filename="../language.py" line="+12"/>
        <location filename="../screens/debrief.py" line="-364"/>
        <source>{number}%</source>
        <translation>{number}%</translation>
    </message>
    <message>
        <location filename="../screens/debrief.py" line="+1"/>
        <source>practice</source>
        <translation>ymarfer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>assessed</source>
        <translation>asesu</translation>
    </message>
</context>
</TS>
