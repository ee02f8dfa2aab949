"""``sendqa/coverage``: statutory coverage of the Local Offer and the headings of page types."""
