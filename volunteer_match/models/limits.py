"""Length limits of free-text fields, shared by the columns, the forms and the API schemas."""

NAME_MAX = 200  # an organization's name, an opportunity's title
TEXT_MAX = 5000  # descriptions
ADDRESS_MAX = 300  # street addresses
