from django.contrib import admin
from django.urls import path

from . import views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("notes/<int:pk>/delete/", views.delete_note),
]
