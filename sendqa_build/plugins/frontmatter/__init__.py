"""``sendqa/frontmatter``: reads and checks every page's front matter, and builds the site index."""
