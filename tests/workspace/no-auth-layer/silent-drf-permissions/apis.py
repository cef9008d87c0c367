from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import Note


class NoteDeleteApi(APIView):
    permission_classes = (IsAuthenticated,)

    def post(self, request, pk):
        Note.objects.filter(pk=pk, owner=request.user).delete()
        return Response(status=204)
