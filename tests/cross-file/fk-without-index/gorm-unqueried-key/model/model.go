package model

import "gorm.io/gorm"

type User struct {
	gorm.Model
	Name string
}

type Post struct {
	gorm.Model
	User    User
	UserID  uint
	Replies []Reply
}

// PostID is loaded through Post.Replies (has-many); EditorID is only followed to its editor.
type Reply struct {
	gorm.Model
	Post     Post
	PostID   uint
	Editor   Editor
	EditorID uint
	Text     string
}

type Editor struct {
	gorm.Model
	Name string
}

type Like struct {
	gorm.Model
	Account   Account
	AccountID uint
}

type Account struct {
	gorm.Model
}
