"""``sendqa/plain-english``: acronyms, words to avoid, readability, tooltips, jargon buster."""
