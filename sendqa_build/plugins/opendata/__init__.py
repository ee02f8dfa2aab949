"""``sendqa/opendata``: publishes the services as Open Referral UK records (``services.json``) and
every page's review dates (``pages.json``) with the site."""
