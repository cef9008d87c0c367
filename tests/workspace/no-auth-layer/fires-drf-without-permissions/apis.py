from rest_framework.response import Response
from rest_framework.views import APIView

from .models import Note


class NoteDeleteApi(APIView):
    def post(self, request, pk):
        Note.objects.filter(pk=pk).delete()
        return Response(status=204)
