"""FilterSets of the public round pages: rounds, the round-by-round grids and lists, people.

Each filter calls a QuerySet method or a plain lookup; a value that does not fit (an unknown
slug, a round range the wrong way round) becomes a form error shown on the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, ClassVar

import django_filters
from django import forms
from django.db.models import Count, Exists, F, OuterRef, QuerySet
from django.db.models.functions import ExtractYear
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from rounds.aggregates import per_version
from rounds.models import (
    TOPIC_SHARE_THRESHOLD,
    Delegation,
    Observer,
    Participant,
    Party,
    Role,
    Round,
    RoundTopic,
    Topic,
)

SELECTED = mark_safe(" selected")
# Values of a filter the visitor did not set.
EMPTY = (None, "", False, [], ())
FACET_COUNT = re.compile(r" \(\d+\)$")


class FastSelect(forms.Select):
    """A <select> written out in Python, straight from its choices.

    Django renders each <option> through its own template, and even its list of options
    (`optgroups()`, a dict and a copy of the attributes per option) costs more than the rest
    of a page once the filters offer a few dozen choices (publishers run to hundreds). Flat
    choices only, one selected at most: what the filters use.
    """

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        chosen = set(self.format_value(value))
        options, found = [], False
        for option_value, label in self.choices:
            shown = "" if option_value is None else option_value
            selected = not found and str(shown) in chosen
            found = found or selected
            options.append((shown, SELECTED if selected else "", label))
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(self.build_attrs(self.attrs, attrs)),
            format_html_join("", '<option value="{}"{}>{}</option>', options),
        )


def html_attrs(attrs: dict[str, Any]) -> SafeString:
    """A widget's attributes as django/forms/widgets/attrs.html writes them: in order, a
    True one by its name alone, a False one left out."""
    return format_html_join(
        "",
        " {}{}",
        (
            (name, "" if value is True else format_html('="{}"', value))
            for name, value in attrs.items()
            if value is not False
        ),
    )


class FastInput(forms.widgets.Input):
    """An <input> written out in Python, as django/forms/widgets/input.html writes it: every
    filter form has a few, and each costs a template render otherwise."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        shown = "" if widget["value"] is None else format_html(' value="{}"', widget["value"])
        return format_html(
            '<input type="{}" name="{}"{}{}>',
            widget["type"],
            widget["name"],
            shown,
            html_attrs(widget["attrs"]),
        )


class FastTextInput(FastInput, forms.TextInput):
    pass


class FastNumberInput(FastInput, forms.NumberInput):
    pass


class FastDateInput(FastInput, forms.DateInput):
    pass


class FastCheckboxInput(FastInput, forms.CheckboxInput):
    pass


def year_choices() -> list[tuple[int, int]]:
    return [(day.year, day.year) for day in Round.objects.dates("start", "year")]


def city_choices() -> list[tuple[str, str]]:
    cities = Round.objects.exclude(city="").order_by("city").values_list("city", flat=True)
    return [(city, city) for city in cities.distinct()]


class FilterForm(forms.Form):
    """Base form of every public FilterSet: labels without a trailing colon."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class ArchiveFilterSet(django_filters.FilterSet):
    """Base of every public FilterSet: choices computed from the database are read once per
    archive version (rounds/aggregates.py), not once for validation and again for rendering
    on every request."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for filter_ in self.filters.values():
            choices = filter_.extra.get("choices")
            if callable(choices):
                name = f"choices:{choices.__module__}.{choices.__qualname__}"
                filter_.extra["choices"] = per_version(name, lambda f=choices: list(f()))

    # Facets: filters whose choices show how many of the current rows each would leave (the
    # other filters applied). `facet_counts_of()` answers one grouped query per facet.
    FACETS: tuple[str, ...] = ()

    def filter_queryset(self, queryset: QuerySet, without: str = "") -> QuerySet:
        """django-filter's filtering, optionally leaving one filter out (for its facet)."""
        for name, value in self.form.cleaned_data.items():
            if name != without:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    # For facets counted on a column of the rows themselves: facet -> the column's lookup.
    FACET_COLUMNS: ClassVar[dict[str, str]] = {}

    def facet_counts_of(self, facet: str, rows: QuerySet) -> Iterable[tuple[Any, int]]:
        """(choice key, number of `rows` it would leave) for one facet."""
        column = F(self.FACET_COLUMNS[facet])
        return rows.values(key=column).annotate(n=Count("*")).values_list("key", "n")

    def facet_counts(self) -> dict[str, dict[str, int]]:
        if not self.FACETS or not self.is_valid():
            return {}
        if any(value not in EMPTY for value in self.form.cleaned_data.values()):
            return self.count_facets()
        # No filter set: the same counts for every visitor until the archive changes (a
        # FilterSet's unfiltered rows are its view's base rows, the same on every request).
        name = f"facets:{type(self).__module__}.{type(self).__qualname__}"
        return per_version(name, self.count_facets)

    def count_facets(self) -> dict[str, dict[str, int]]:
        base = self.queryset.order_by()
        return {
            facet: {
                str(key).casefold(): n
                for key, n in self.facet_counts_of(
                    facet, self.filter_queryset(base, without=facet).order_by()
                )
                if key is not None
            }
            for facet in self.FACETS
        }

    def show_facet_counts(self) -> None:
        """Put each choice's count in its label ("TASS (12)"; 0 for none)."""
        for facet, by_key in self.facet_counts().items():
            field = self.form.fields[facet]
            key = getattr(self.filters[facet], "extra", {}).get("to_field_name")
            if hasattr(field, "label_from_instance"):  # a model choice: counted by `key`
                field.label_from_instance = lambda obj, key=key or "pk", by_key=by_key: (
                    f"{obj} ({by_key.get(str(getattr(obj, key)).casefold(), 0)})"
                )
            else:
                field.choices = [
                    (value, f"{label} ({by_key.get(str(value).casefold(), 0)})" if value else label)
                    for value, label in field.choices
                ]

    @property
    def active_filters(self) -> list[tuple[str, str, str]]:
        """(label, value as shown, URL without this filter) of each filter the visitor set."""
        request = getattr(self, "request", None)
        if request is None or not self.is_valid():
            return []
        active = []
        for name, field in self.form.fields.items():
            raw = self.data.get(name, "")
            value = self.form.cleaned_data.get(name)
            if not str(raw).strip() or value in (None, "", False):
                continue
            if name == "sort":
                continue  # an order, not a filter
            if hasattr(field, "choices") and not hasattr(value, "pk"):
                shown = dict(field.choices).get(raw, raw)
            else:
                shown = "yes" if value is True else str(value)
            params = request.GET.copy()
            for key in (name, "page"):
                params.pop(key, None)
            query = params.urlencode()
            without = request.path + (f"?{query}" if query else "")
            # A choice's label may carry its facet count ("TASS (12)"): not part of the value.
            active.append((str(field.label), FACET_COUNT.sub("", str(shown)), without))
        return active


class RoundRangeForm(FilterForm):
    """A filter form that refuses a round range whose first round comes after its last."""

    def clean(self) -> dict:
        data = super().clean()
        first, last = data.get("round_from"), data.get("round_to")
        if first is not None and last is not None and first > last:
            raise forms.ValidationError(
                "The first round (%(first)s) comes after the last (%(last)s).",
                code="round_range",
                params={"first": first, "last": last},
            )
        return data


def round_number_filter(lookup: str, label: str) -> django_filters.NumberFilter:
    return django_filters.NumberFilter(
        field_name="round__number",
        lookup_expr=lookup,
        label=label,
        min_value=1,
        max_value=999,
        widget=FastNumberInput(attrs={"inputmode": "numeric", "size": 4}),
    )


def choice_rows_key(queryset: QuerySet) -> str:
    """The cache name of a choice field's rows: its model and the fields it reads."""
    names, deferred = queryset.query.deferred_loading
    fields = ",".join(sorted(names))
    return f"choices:{queryset.model._meta.label}:{'defer' if deferred else 'only'}:{fields}"


class KeptChoiceIterator(django_filters.fields.ModelChoiceIterator):
    """A model choice field's options from its rows kept per archive version: every filter
    form offers parties and topics (the article list rounds too), a query each on every
    page that shows the form."""

    def __iter__(self):
        field = self.field
        if field.empty_label is not None:
            yield ("", field.empty_label)
        if field.null_label is not None:
            yield (field.null_value, field.null_label)
        queryset = self.queryset
        for obj in per_version(choice_rows_key(queryset), lambda: list(queryset)):
            yield self.choice(obj)


class KeptModelChoiceField(django_filters.fields.ModelChoiceField):
    iterator = KeptChoiceIterator


class KeptModelChoiceFilter(django_filters.ModelChoiceFilter):
    """A choice among every row of a model (`queryset` unfiltered: its rows are kept under
    the model and the fields read, whatever filter offers them)."""

    field_class = KeptModelChoiceField

    def __init__(self, *args, queryset: QuerySet, **kwargs) -> None:
        if queryset.query.where:
            raise ValueError("KeptModelChoiceFilter offers every row: filter the rows elsewhere")
        super().__init__(*args, queryset=queryset, **kwargs)


def slug_choice_filter(queryset, label: str, **kwargs) -> django_filters.ModelChoiceFilter:
    """A choice among `queryset`'s rows, named by slug in the URL ("?party=iran")."""
    return KeptModelChoiceFilter(
        queryset=queryset,
        to_field_name="slug",
        label=label,
        empty_label="Any",
        widget=FastSelect,
        **kwargs,
    )


def party_filter(label: str, **kwargs) -> django_filters.ModelChoiceFilter:
    return slug_choice_filter(Party.objects.all(), label, **kwargs)


def topic_filter(**kwargs) -> django_filters.ModelChoiceFilter:
    return slug_choice_filter(Topic.objects.all(), "Topic", **kwargs)


def participant_filter(**kwargs) -> django_filters.CharFilter:
    return django_filters.CharFilter(
        label="Participant",
        help_text="A name, a spelling or part of one",
        max_length=120,
        widget=FastTextInput,
        **kwargs,
    )


class RoundFilter(ArchiveFilterSet):
    year = django_filters.ChoiceFilter(
        choices=year_choices,
        method="filter_year",
        label="Year",
        empty_label="Any",
        widget=FastSelect,
    )
    city = django_filters.ChoiceFilter(
        choices=city_choices, label="City", empty_label="Any", widget=FastSelect
    )
    party = party_filter("Party present", method="filter_party")
    observer = party_filter("Observer", method="filter_observer")
    topic = topic_filter(method="filter_topic")
    participant = participant_filter(method="filter_participant")

    class Meta:
        model = Round
        form = FilterForm
        fields: list[str] = []

    def filter_year(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.in_year(int(value))

    FACETS = ("year", "city", "party", "observer", "topic")

    def facet_counts_of(self, facet: str, rows: QuerySet) -> Iterable[tuple[Any, int]]:
        if facet in ("year", "city"):
            key = ExtractYear("start") if facet == "year" else F("city")
            return rows.values(key=key).annotate(n=Count("*")).values_list("key", "n")
        facts, key = {
            "party": (Delegation.objects.public(), "party__slug"),
            "observer": (Observer.objects.public(), "party__slug"),
            "topic": (RoundTopic.objects.significant(), "topic__slug"),
        }[facet]
        return (
            facts.filter(round__in=rows.values("pk"))
            .values(key=F(key))
            .annotate(n=Count("round", distinct=True))
            .values_list("key", "n")
        )

    def filter_party(self, queryset: QuerySet, name: str, value: Party) -> QuerySet:
        return queryset.with_party(value)

    def filter_observer(self, queryset: QuerySet, name: str, value: Party) -> QuerySet:
        return queryset.observed_by(value)

    def filter_topic(self, queryset: QuerySet, name: str, value: Topic) -> QuerySet:
        return queryset.with_topic(value)

    def filter_participant(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.attended_by(Participant.objects.matching(value))


class FactFilter(ArchiveFilterSet):
    """Filters every round-by-round fact has: the round range and editorial confirmation."""

    round_from = round_number_filter("gte", "From round")
    round_to = round_number_filter("lte", "To round")
    confirmed = django_filters.BooleanFilter(
        label="Confirmed by an editor only",
        method="filter_confirmed",
        widget=FastCheckboxInput,
    )

    class Meta:
        form = RoundRangeForm
        fields: list[str] = []

    def filter_confirmed(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        # The views start from public facts, so the editor's own are the confirmed ones.
        return queryset.editor_owned() if value else queryset


class DelegationFilter(FactFilter):
    party = party_filter("Party")
    role = django_filters.ChoiceFilter(
        choices=Role.choices, label="Role", empty_label="Any", widget=FastSelect
    )
    participant = participant_filter(method="filter_participant")

    FACETS = ("party", "role")
    FACET_COLUMNS: ClassVar[dict[str, str]] = {"party": "party__slug", "role": "role"}

    class Meta(FactFilter.Meta):
        model = Delegation
        fields = ["party", "role", "participant", "round_from", "round_to", "confirmed"]

    def filter_participant(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(head__in=Participant.objects.matching(value))


class ObserverFilter(FactFilter):
    party = party_filter("Observer")

    FACETS = ("party",)
    FACET_COLUMNS: ClassVar[dict[str, str]] = {"party": "party__slug"}

    class Meta(FactFilter.Meta):
        model = Observer
        fields = ["party", "round_from", "round_to", "confirmed"]


class TopicFilter(FactFilter):
    topic = topic_filter()

    minor = django_filters.BooleanFilter(
        label="Also topics few of a round's articles mention",
        method="filter_minor",
        widget=FastCheckboxInput,
        help_text=f"Below {TOPIC_SHARE_THRESHOLD:.0%} of the round's articles",
    )

    FACETS = ("topic",)
    FACET_COLUMNS: ClassVar[dict[str, str]] = {"topic": "topic__slug"}

    class Meta(FactFilter.Meta):
        model = RoundTopic
        fields = ["topic", "round_from", "round_to", "confirmed", "minor"]

    def filter_minor(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        """Only the topics on the agenda (significant), unless the visitor asks for all."""
        if value:
            return queryset
        if "share" not in queryset.query.annotations:  # a queryset of another caller (API)
            queryset = queryset.with_share()
        return queryset.on_agenda()


class ParticipantFilter(ArchiveFilterSet):
    q = django_filters.CharFilter(
        label="Name",
        method="filter_q",
        max_length=120,
        help_text="A name, a spelling or part",
        widget=FastTextInput,
    )
    party = party_filter("Headed a delegation of", method="filter_party")

    class Meta:
        model = Participant
        form = FilterForm
        fields: list[str] = []

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.matching(value)

    FACETS = ("party",)

    def facet_counts_of(self, facet: str, rows: QuerySet) -> Iterable[tuple[Any, int]]:
        """People of `rows` who headed a public delegation of each party."""
        return (
            Delegation.objects.public()
            .filter(head__in=rows.values("pk"))
            .values(key=F("party__slug"))
            .annotate(n=Count("head", distinct=True))
            .values_list("key", "n")
        )

    def filter_party(self, queryset: QuerySet, name: str, value: Party) -> QuerySet:
        headed = Delegation.objects.public().filter(head=OuterRef("pk"), party=value)
        return queryset.filter(Exists(headed))
