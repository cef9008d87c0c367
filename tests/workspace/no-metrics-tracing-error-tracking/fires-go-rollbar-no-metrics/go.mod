module example.com/svc

go 1.22

require github.com/rollbar/rollbar-go v1.4.5
