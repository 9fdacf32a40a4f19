"""What every endpoint of the JSON API shares: the pages' FilterSets as query parameters,
pagination, and the small schemas of linked rows.

The API filters with the very FilterSets the HTML pages use: `filter_params()` describes a
FilterSet's filters as a query schema (so the OpenAPI description lists them, with the pages'
labels and help texts), and `filtered()` runs the FilterSet on the values received, answering
422 with the form's errors when a value does not fit, as the page shows them.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

import django_filters
from django.db.models import QuerySet
from django.http import HttpRequest
from django_filters import FilterSet
from ninja import Field, Schema
from ninja.errors import ValidationError
from ninja.pagination import PageNumberPagination
from pydantic import create_model

PAGE_SIZE = 50
MAX_PAGE_SIZE = 500


class ArchivePagination(PageNumberPagination):
    """`?page=` and `?page_size=` (up to MAX_PAGE_SIZE); the answer has `count` and `items`."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("page_size", PAGE_SIZE)
        kwargs.setdefault("max_page_size", MAX_PAGE_SIZE)
        super().__init__(**kwargs)


def _param_type(filter_: django_filters.Filter) -> Any:
    if isinstance(filter_, django_filters.BooleanFilter):
        return bool
    if isinstance(filter_, django_filters.NumberFilter):
        return int
    if isinstance(filter_, django_filters.DateFilter):
        return datetime.date
    choices = filter_.extra.get("choices")
    if isinstance(filter_, django_filters.ChoiceFilter) and isinstance(choices, list | tuple):
        values = tuple(str(value) for value, _label in choices)
        if values:
            return Literal[values]  # type: ignore[valid-type]
    return str


def _describe(filter_: django_filters.Filter) -> str:
    label = str(filter_.label or "")
    help_text = str(filter_.extra.get("help_text") or "")
    if isinstance(filter_, django_filters.ModelChoiceFilter):
        key = filter_.extra.get("to_field_name") or "pk"
        help_text = help_text or f"by its {key}"
    return f"{label} ({help_text})" if help_text else label


def filter_params(filterset_class: type[FilterSet], name: str) -> type[Schema]:
    """A query-parameter schema with one optional parameter per filter of the FilterSet."""
    fields = {
        filter_name: (
            _param_type(filter_) | None,
            Field(None, description=_describe(filter_)),
        )
        for filter_name, filter_ in filterset_class.base_filters.items()
    }
    return create_model(name, __base__=Schema, **fields)


def _form_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def filtered(
    filterset_class: type[FilterSet], params: Schema, queryset: QuerySet, request: HttpRequest
) -> QuerySet:
    """The queryset filtered as the page filters it; 422 with the form's errors otherwise."""
    data = {
        name: _form_value(value)
        for name, value in params.model_dump(exclude_none=True).items()
        if value != ""
    }
    filterset = filterset_class(data, queryset=queryset, request=request)
    if not filterset.is_valid():
        raise ValidationError(
            [
                {"loc": ["query", field], "msg": str(message), "type": "filter"}
                for field, messages in filterset.errors.items()
                for message in messages
            ]
        )
    return filterset.qs


def absolute_url(request: HttpRequest, path: str) -> str:
    return request.build_absolute_uri(path)


class PartyRef(Schema):
    slug: str
    name: str


class ParticipantRef(Schema):
    slug: str
    name: str


class TopicRef(Schema):
    slug: str
    name: str
