"""The archive's versioned JSON API, /api/v1/, with its OpenAPI description.

django-ninja builds the OpenAPI schema from the endpoints' type hints and schemas; each app
keeps its endpoints in its own `api.py` router. A change that breaks clients gets a new
version (a second NinjaAPI under /api/v2/), so v1 clients keep working.
"""

from __future__ import annotations

from ninja import NinjaAPI

from articles.api import router as articles_router
from rounds.api import router as rounds_router

api = NinjaAPI(
    title="Astana talks archive API",
    version="1",
    description=(
        "Read-only access to the archive: rounds, delegations, observers, topics, "
        "participants, parties and articles. Lists take the same filters as the site's pages "
        "and are paginated (`page`, `page_size`); facts an editor rejected are left out."
    ),
    urls_namespace="api-v1",
)
api.add_router("", rounds_router)
api.add_router("", articles_router)
