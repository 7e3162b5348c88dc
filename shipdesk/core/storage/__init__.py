"""The user's own data: one SQLite database (WAL) with versioned, forward-only migrations."""
