from django.urls import path

from . import views

app_name = "measures"

urlpatterns = [
    path("", views.home, name="home"),
    path("documents/<int:pk>/", views.document_detail, name="document_detail"),
    path("regions/<slug:slug>/", views.region_detail, name="region_detail"),
]
