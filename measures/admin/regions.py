"""The gazetteer: regions searchable by current and former names, code and pinyin."""

from __future__ import annotations

from django.contrib import admin

from ..models import Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "level", "code", "slug", "parent", "valid_from", "valid_to", "successor"]
    list_filter = ["level"]
    # Former names too, so 襄樊 finds 420600 襄阳市; slugs are pinyin, so "yongjia" finds 永嘉县.
    search_fields = ["name", "=code", "slug", "names__name"]
    list_select_related = ["parent", "successor"]
    autocomplete_fields = ["parent", "successor"]
