from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("measures.urls")),
]

admin.site.site_header = _("集群政策对比 · 管理")
admin.site.site_title = _("集群政策对比")
admin.site.index_title = _("数据与标注管理")
