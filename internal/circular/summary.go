package circular

// Summary is a round's headline figures, as tongbao rounds lists them:
// counted from the stored results, never typed.
type Summary struct {
	Round Round
	// Sites and Accounts count running, checked and failing items.
	Sites    Count
	Accounts Count
}

// Count is how many items are running, checked and failing.
type Count struct {
	Running int
	Checked int
	Failing int
}

// Passing is Checked − Failing.
func (c Count) Passing() int { return c.Checked - c.Failing }
