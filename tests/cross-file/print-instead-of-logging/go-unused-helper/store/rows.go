package store

func (s *Store) Load(id int) error {
	traceRow(id)
	_, err := s.db.Exec("SELECT 1 WHERE 1 = ?", id) // see http://example.com/dumpQuery-notes
	return err
}
