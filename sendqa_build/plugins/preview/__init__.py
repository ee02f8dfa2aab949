"""``sendqa/preview``: each page's findings in a panel on the page while previewing."""
