"""HTML and calendar-app routes: a shift's .ics file and a volunteer's private feed link."""
