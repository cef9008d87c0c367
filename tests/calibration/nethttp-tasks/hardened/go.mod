module example.com/tasks

go 1.22

require (
	github.com/getsentry/sentry-go v0.29.0
	github.com/jackc/pgx/v5 v5.7.1
	github.com/prometheus/client_golang v1.20.4
)
