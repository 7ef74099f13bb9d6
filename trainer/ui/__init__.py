"""The desktop app (PySide6): a controller over core + store, and the screens that ask and display."""
