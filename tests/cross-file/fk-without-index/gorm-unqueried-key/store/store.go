package store

import (
	"example.com/blog/model"
	"gorm.io/gorm"
)

type Store struct{ db *gorm.DB }

func (s *Store) PostsBy(id uint) ([]model.Post, error) {
	var posts []model.Post
	err := s.db.Where(&model.Post{UserID: id}).Preload("Replies").Find(&posts).Error
	return posts, err
}

func (s *Store) Liked(accountID uint) ([]model.Like, error) {
	var likes []model.Like
	err := s.db.Where("account_id = ?", accountID).Find(&likes).Error
	return likes, err
}

// A comparison in Go code is not a query: nothing looks replies up by editor.
func CanEdit(r *model.Reply, uid uint) bool {
	// db.Where("editor_id = ?", uid) would need the index; this comment is not a query.
	return r.EditorID == uid
}
