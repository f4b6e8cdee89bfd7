from django.urls import path

from . import api, views

app_name = "measures"

urlpatterns = [
    path("", views.home, name="home"),
    path("measures/", views.measure_list, name="measure_list"),
    path("measures.csv", api.measures_csv, name="measures_csv"),
    path("documents/<int:pk>/", views.document_detail, name="document_detail"),
    path("regions/", views.region_list, name="region_list"),
    path("regions/<slug:slug>/", views.region_detail, name="region_detail"),
    path("compare/", views.compare_view, name="compare"),
    path("compare/export.csv", views.compare_csv, name="compare_csv"),
    path("compare/matrix/", views.compare_matrix, name="compare_matrix"),
    path("about/", views.about, name="about"),
    path("categories.css", views.category_styles, name="category_styles"),
    path("api/", views.about, name="api_docs"),
    path("api/measures/", api.measure_list, name="api_measures"),
    path("api/documents/", api.document_list, name="api_documents"),
    path("api/regions/", api.region_list, name="api_regions"),
    path("api/categories/", api.category_list, name="api_categories"),
]
