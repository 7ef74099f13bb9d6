"""The screens of the main window's stack; each takes the controller and only asks and displays."""
