package store

import "gorm.io/gorm"

type Order struct {
	ID   uint
	Item string
}

func Migrate(db *gorm.DB) error {
	return db.AutoMigrate(&Order{})
}
