"""HTML pages: a coordinator's caseload, and a volunteer's choice to share with one."""
