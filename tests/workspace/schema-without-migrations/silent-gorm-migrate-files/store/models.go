package store

import "gorm.io/gorm"

type Order struct {
	ID uint
}

func Migrate(db *gorm.DB) error {
	return db.AutoMigrate(&Order{})
}
