def rows_as_text(queryset) -> str:
    return "\n".join(str(row) for row in queryset.values_list())


def show_rows(queryset) -> None:
    # A helper typed at the Django shell prompt: printing is its job.
    print(rows_as_text(queryset))


def show_counts(queryset) -> None:
    print(queryset.count())


def audit_rows(queryset) -> None:
    # The nearest trap: not listed in SHELL_PLUS_IMPORTS, still reported.
    print("audit", queryset.count())
