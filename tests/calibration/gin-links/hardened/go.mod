module example.com/links

go 1.22

require (
	github.com/getsentry/sentry-go v0.29.0
	github.com/gin-gonic/gin v1.10.0
	github.com/google/uuid v1.6.0
	github.com/jackc/pgx/v5 v5.7.1
	github.com/prometheus/client_golang v1.20.4
)
