package web

import (
	"net/http"
	"net/url"
	"strconv"

	"tongbao/internal/app"
)

// activityData is the activity log page: one page of entries, newest first.
type activityData struct {
	Paging
	List []activityRow
}

// activityRow is one entry with the address of what it was done to ("" when
// there is no page for it).
type activityRow struct {
	app.Activity
	Link string
}

// activity shows the activity log: who imported, issued, voided, saved or
// managed what, from the workbench or the command line.
func (h *Handler) activity(w http.ResponseWriter, r *http.Request) {
	a := h.cur()
	q := r.URL.Query()
	page, _ := strconv.Atoi(q.Get("page"))
	page = max(page, 1)
	list, total, err := a.Activities(r.Context(), pageRows, (page-1)*pageRows)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p, lo, _ := newPaging(q, "/activity", "", "", []string{"page"}, total, total, page, false)
	if lo != (page-1)*pageRows {
		// a page past the end: newPaging shows the first
		if list, _, err = a.Activities(r.Context(), pageRows, lo); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	d := activityData{Paging: p, List: make([]activityRow, len(list))}
	for i, e := range list {
		d.List[i] = activityRow{Activity: e, Link: activityLink(e)}
	}
	h.render(w, r, http.StatusOK, "activity", "操作记录", "activity", d)
}

// activityLink is the page of what an entry was done to: the round, the
// circular or the template; "" for what has no page (a deleted round, an
// account, a folder).
func activityLink(e app.Activity) string {
	switch e.Action {
	case "import", "replace":
		return "/rounds/" + url.PathEscape(e.Subject)
	case "issue", "void", "external", "unvoid", app.ActReprint, app.ActArchive:
		return "/circulars/" + url.PathEscape(e.Subject)
	case app.ActTemplate, app.ActTemplateRestore:
		return "/templates/" + url.PathEscape(e.Subject)
	case app.ActSettings, app.ActSettingsRestore:
		return "/settings"
	}
	return ""
}
