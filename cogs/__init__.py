"""Discord command modules; the bot loads every module here in `setup_hook`."""
