package app

import (
	"context"
	"time"

	"tongbao/internal/circular"
	"tongbao/internal/sqlite"
)

// The activity log: everything anyone did that changed the office's state,
// from the workbench or the command line, who did it and when. Actions done
// in one database transaction (import, replace, delete, issue, void,
// external, unvoid) are logged in it by the store; the others by App.Log.

// Actions of the activity log that App.Log records.
const (
	ActReprint         = "reprint"
	ActArchive         = "archive"
	ActTemplate        = "template"
	ActTemplateRestore = "template-restore"
	ActTemplatesWrite  = "templates-write"
	ActSettings        = "settings"
	ActSettingsRestore = "settings-restore"
	ActUserAdd         = "user-add"
	ActUserPasswd      = "user-passwd"
	ActUserRole        = "user-role"
	ActUserDisable     = "user-disable"
	ActUserEnable      = "user-enable"
)

// actionNames are the actions as people read them.
var actionNames = map[string]string{
	"import":           "导入轮次",
	"replace":          "替换轮次数据",
	"delete":           "删除轮次",
	"issue":            "编号印发",
	"void":             "作废编号",
	"external":         "登记在别处使用的编号",
	"unvoid":           "撤销作废",
	ActReprint:         "重新输出通报",
	ActArchive:         "输出归档包",
	ActTemplate:        "保存模板",
	ActTemplateRestore: "恢复模板的历史版本",
	ActTemplatesWrite:  "写出默认模板",
	ActSettings:        "保存设置",
	ActSettingsRestore: "恢复设置的历史版本",
	ActUserAdd:         "添加账号",
	ActUserPasswd:      "重设密码",
	ActUserRole:        "调整角色",
	ActUserDisable:     "停用账号",
	ActUserEnable:      "启用账号",
}

// ActionName returns an action of the activity log in Chinese (the code
// itself when unknown).
func ActionName(action string) string {
	if s, ok := actionNames[action]; ok {
		return s
	}
	return action
}

// commandLinePrefix starts the actor of what is done at the command line.
const commandLinePrefix = "命令行："

// CommandLine returns ctx carrying the person at the command line as the
// actor: 「命令行：<system user>」, so the register, the histories and the
// activity log tell a command from a signed-in account.
func CommandLine(ctx context.Context) context.Context {
	return circular.WithActor(ctx, commandLinePrefix+LocalActor())
}

// Activity is one entry of the activity log.
type Activity struct {
	At time.Time
	// Actor is an account's name, 「命令行：<system user>」 for the command
	// line, or the system user for the workbench in loopback mode.
	Actor string
	// Action is the code; Name the action in Chinese.
	Action, Name string
	// Subject is what it was done to; Detail a reason, a title or a path.
	Subject, Detail string
}

// Activities returns the activity log, newest first: at most limit entries
// (all when limit <= 0) after skipping offset, and the number of entries.
func (a *App) Activities(ctx context.Context, limit, offset int) ([]Activity, int, error) {
	db, err := a.Open()
	if err != nil {
		return nil, 0, err
	}
	defer db.Close()
	list, total, err := db.Activities(ctx, limit, offset)
	if err != nil {
		return nil, 0, err
	}
	out := make([]Activity, len(list))
	for i, e := range list {
		out[i] = Activity{At: e.At, Actor: e.Actor, Action: e.Action, Name: ActionName(e.Action), Subject: e.Subject, Detail: e.Detail}
	}
	return out, total, nil
}

// Log records in the activity log an action done outside the store's
// transactions, by the actor of ctx (the person at this machine when none).
func (a *App) Log(ctx context.Context, action, subject, detail string) error {
	db, err := a.Open()
	if err != nil {
		return err
	}
	defer db.Close()
	return logTo(ctx, db, action, subject, detail)
}

// logTo is Log through an open database.
func logTo(ctx context.Context, db *sqlite.DB, action, subject, detail string) error {
	return db.LogActivity(acting(ctx), action, subject, detail)
}
