"""Register, log in and log out on HTML pages."""
