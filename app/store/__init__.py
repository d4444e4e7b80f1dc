"""SQLite storage: tables, migrations, the article writer and the API's read queries.

What the CLI needs::

    migrate(url)
    with open_session(url) as session:
        if not is_stored(session, article):  # skip extraction for known texts
            created = save_article(session, article, facts)
        session.commit()                     # or session.rollback() after an error
"""

from app.store.db import get_session, make_engine, migrate, open_session
from app.store.queries import count_articles, is_stored
from app.store.writer import ArticleConflictError, InvalidFactError, save_article

__all__ = [
    "ArticleConflictError",
    "InvalidFactError",
    "count_articles",
    "get_session",
    "is_stored",
    "make_engine",
    "migrate",
    "open_session",
    "save_article",
]
