from django.urls import path

from .apis import NoteDeleteApi

urlpatterns = [
    path("notes/<int:pk>/delete/", NoteDeleteApi.as_view()),
]
