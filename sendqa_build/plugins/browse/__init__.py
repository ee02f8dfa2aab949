"""``sendqa/browse``: browse pages and the services directory, theme branding checks, and cheap
structural accessibility checks of every page."""
