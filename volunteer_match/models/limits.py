"""Length limits of free-text fields, shared by the columns, the forms and the API schemas."""

DISPLAY_NAME_MAX = 80  # what a person is called
NAME_MAX = 200  # an organization's name, an opportunity's title
TEXT_MAX = 5000  # descriptions
ADDRESS_MAX = 300  # street addresses
