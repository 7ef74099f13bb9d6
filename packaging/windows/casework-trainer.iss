; Inno Setup script for Casework Trainer (Windows). scripts/build_app.py runs it:
;   ISCC /DAppVersion=0.1.0 /DSourceDir=dist\casework-trainer /DOutputDir=dist casework-trainer.iss
; Installs for the current user only (no administrator rights) into
; %LOCALAPPDATA%\Programs\Casework Trainer. Progress lives in %APPDATA%\CaseworkTrainer,
; the same folder as a pip install; uninstalling leaves it there and says so.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\casework-trainer"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif

[Setup]
AppId={{6B1C6F4E-4D0B-4E8C-9A57-3C2E5B7D9F10}
AppName=Casework Trainer
AppVersion={#AppVersion}
AppPublisher=Casework Trainer
DefaultDirName={autopf}\Casework Trainer
DefaultGroupName=Casework Trainer
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
OutputDir={#OutputDir}
OutputBaseFilename=casework-trainer-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
UninstallDisplayIcon={app}\casework-trainer.exe
UninstallDisplayName=Casework Trainer
#ifdef IconFile
SetupIconFile={#IconFile}
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Casework Trainer"; Filename: "{app}\casework-trainer.exe"
Name: "{autodesktop}\Casework Trainer"; Filename: "{app}\casework-trainer.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\casework-trainer.exe"; Description: "{cm:LaunchProgram,Casework Trainer}"; Flags: nowait postinstall skipifsilent

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
    MsgBox('Casework Trainer has been removed.' + #13#10#13#10 +
      'Your progress has NOT been deleted. It is kept in:' + #13#10 +
      ExpandConstant('{userappdata}\CaseworkTrainer') + #13#10#13#10 +
      'Installing the app again (or the pip version) carries on from it. ' +
      'To delete your progress too, delete that folder.', mbInformation, MB_OK);
end;
