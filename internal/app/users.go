package app

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os/user"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"

	"tongbao/internal/circular"
	"tongbao/internal/sqlite"
)

// Roles of the workbench's accounts, from the least to the most allowed:
// 查看 reads every page; 编辑 also edits the templates; 文秘 also imports,
// issues, voids and deletes.
const (
	RoleViewer = "查看"
	RoleEditor = "编辑"
	RoleClerk  = "文秘"
)

// Roles lists the roles from the least to the most allowed.
var Roles = []string{RoleViewer, RoleEditor, RoleClerk}

// RoleRank returns a role's place in Roles (0 for 查看), or -1 when it is
// not a role.
func RoleRank(role string) int {
	for i, r := range Roles {
		if r == role {
			return i
		}
	}
	return -1
}

// RoleAllows reports whether an account of role may do what needs role need.
func RoleAllows(role, need string) bool {
	r := RoleRank(role)
	return r >= 0 && r >= RoleRank(need)
}

// The rules of sign-in.
const (
	// SessionIdle ends a session not used for this long.
	SessionIdle = 12 * time.Hour
	// SessionMax ends a session this long after sign-in, however used.
	SessionMax = 7 * 24 * time.Hour
	// MaxFailures wrong passwords in a row lock an account for LockFor.
	MaxFailures = 5
	// LockFor is how long a lock-out lasts.
	LockFor = 15 * time.Minute
	// MinPassword is the least number of characters of a password.
	MinPassword = 8
	// touchEvery limits how often a session's last use is written.
	touchEvery = time.Minute
)

// UserInfo is an account as the list shows it.
type UserInfo struct {
	Name        string
	Role        string
	Disabled    bool
	LockedUntil time.Time // zero when not locked
	Created     time.Time
}

// Signed is a signed-in account.
type Signed struct {
	Name string
	Role string
}

// checkUserName checks an account name: 1–32 characters, no spaces or
// control characters.
func checkUserName(name string) error {
	n := utf8.RuneCountInString(name)
	if n == 0 || n > 32 {
		return circular.Errorf(circular.EInvalid, "账号名称「%s」应为 1 到 32 个字符", name)
	}
	for _, r := range name {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			return circular.Errorf(circular.EInvalid, "账号名称「%s」不能含空格或控制字符", name)
		}
	}
	return nil
}

func checkRole(role string) error {
	if RoleRank(role) < 0 {
		return circular.Errorf(circular.EInvalid, "角色「%s」不对，应为 %s 之一", role, strings.Join(Roles, "、"))
	}
	return nil
}

// hashPassword checks a password's length and returns its bcrypt hash.
func hashPassword(password string) (string, error) {
	if utf8.RuneCountInString(password) < MinPassword {
		return "", circular.Errorf(circular.EInvalid, "密码太短：至少 %d 个字符", MinPassword)
	}
	if len(password) > 72 {
		return "", circular.Errorf(circular.EInvalid, "密码太长：最多 72 个字节（约 24 个汉字或 72 个字母）")
	}
	h, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
	if err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	return string(h), nil
}

// AddUser adds an account with its role and password.
func (a *App) AddUser(ctx context.Context, name, role, password string) error {
	if err := checkUserName(name); err != nil {
		return err
	}
	if err := checkRole(role); err != nil {
		return err
	}
	hash, err := hashPassword(password)
	if err != nil {
		return err
	}
	db, err := a.Open()
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.AddUser(ctx, sqlite.User{Name: name, Role: role, Hash: hash, Created: time.Now()}); err != nil {
		return err
	}
	return logTo(ctx, db, ActUserAdd, name, role)
}

// SetPassword gives the account a new password, lifts its lock-out and
// signs it out everywhere.
func (a *App) SetPassword(ctx context.Context, name, password string) error {
	hash, err := hashPassword(password)
	if err != nil {
		return err
	}
	db, err := a.Open()
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.SetPassword(ctx, name, hash); err != nil {
		return err
	}
	return logTo(ctx, db, ActUserPasswd, name, "")
}

// SetUserRole changes an account's role.
func (a *App) SetUserRole(ctx context.Context, name, role string) error {
	if err := checkRole(role); err != nil {
		return err
	}
	db, err := a.Open()
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.SetRole(ctx, name, role); err != nil {
		return err
	}
	return logTo(ctx, db, ActUserRole, name, role)
}

// SetUserDisabled disables an account (signing it out) or enables it again
// (lifting a lock-out).
func (a *App) SetUserDisabled(ctx context.Context, name string, disabled bool) error {
	db, err := a.Open()
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.SetDisabled(ctx, name, disabled); err != nil {
		return err
	}
	action := ActUserEnable
	if disabled {
		action = ActUserDisable
	}
	return logTo(ctx, db, action, name, "")
}

// Users lists the accounts by name.
func (a *App) Users(ctx context.Context) ([]UserInfo, error) {
	db, err := a.Open()
	if err != nil {
		return nil, err
	}
	defer db.Close()
	list, err := db.Users(ctx)
	if err != nil {
		return nil, err
	}
	now := time.Now()
	out := make([]UserInfo, len(list))
	for i, u := range list {
		out[i] = UserInfo{Name: u.Name, Role: u.Role, Disabled: u.Disabled, Created: u.Created}
		if u.LockedUntil.After(now) {
			out[i].LockedUntil = u.LockedUntil
		}
	}
	return out, nil
}

// errSignIn is the answer to a wrong name or password: the same for both,
// so that it does not tell which names exist.
var errSignIn = circular.Errorf(circular.EInvalid, "账号或密码不对。")

// dummyHash is compared with when the account does not exist, so that a
// wrong name takes as long as a wrong password.
var dummyHash, _ = bcrypt.GenerateFromPassword([]byte("tongbao-no-such-account"), bcrypt.DefaultCost)

// SignIn checks an account's password at now and starts a session: it
// returns the session's token, to be kept only by the browser. Five wrong
// passwords in a row lock the account for 15 minutes.
func (a *App) SignIn(ctx context.Context, name, password string, now time.Time) (string, *Signed, error) {
	db, err := a.Open()
	if err != nil {
		return "", nil, err
	}
	defer db.Close()
	u, err := db.User(ctx, name)
	if circular.ErrorCode(err) == circular.ENotFound {
		bcrypt.CompareHashAndPassword(dummyHash, []byte(password))
		return "", nil, errSignIn
	}
	if err != nil {
		return "", nil, err
	}
	if u.Disabled {
		return "", nil, circular.Errorf(circular.EInvalid, "账号「%s」已停用。请找管理员用 tongbao users enable %s 启用", u.Name, u.Name)
	}
	if u.LockedUntil.After(now) {
		return "", nil, lockedError(u.Name, u.LockedUntil)
	}
	if err := bcrypt.CompareHashAndPassword([]byte(u.Hash), []byte(password)); err != nil {
		if !errors.Is(err, bcrypt.ErrMismatchedHashAndPassword) {
			return "", nil, fmt.Errorf("sign in %s: %w", name, err)
		}
		n, err := db.AddFailure(ctx, u.ID)
		if err != nil {
			return "", nil, err
		}
		if n >= MaxFailures {
			until := now.Add(LockFor)
			if err := db.Lock(ctx, u.ID, until); err != nil {
				return "", nil, err
			}
			return "", nil, lockedError(u.Name, until)
		}
		return "", nil, circular.Errorf(circular.EInvalid, "账号或密码不对。再错 %d 次，账号将锁定 %d 分钟。", MaxFailures-n, int(LockFor/time.Minute))
	}
	token, hash, err := newToken()
	if err != nil {
		return "", nil, err
	}
	if err := db.EndSessionsBefore(ctx, now.Add(-SessionIdle), now.Add(-SessionMax)); err != nil {
		return "", nil, err
	}
	if err := db.StartSession(ctx, hash, u.ID, now); err != nil {
		return "", nil, err
	}
	return token, &Signed{Name: u.Name, Role: u.Role}, nil
}

// lockedError says until when an account is locked, in Beijing time.
func lockedError(name string, until time.Time) error {
	return circular.Errorf(circular.EInvalid, "密码连续输错 %d 次，账号「%s」已锁定到 %s（北京时间），届时再试；急用请找管理员用 tongbao users passwd %s 重设密码。",
		MaxFailures, name, circular.BeijingTime(until).Format("15:04"), name)
}

// newToken returns a random session token and its SHA-256 as stored.
func newToken() (token, hash string, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", "", fmt.Errorf("session token: %w", err)
	}
	token = hex.EncodeToString(b)
	return token, tokenHash(token), nil
}

func tokenHash(token string) string {
	s := sha256.Sum256([]byte(token))
	return hex.EncodeToString(s[:])
}

// Sessions checks the sign-in sessions of one database, kept open between
// requests (the workbench asks on every request in network mode). It is safe
// for concurrent use; Close it when its App is replaced.
type Sessions struct {
	db *sqlite.DB
}

// OpenSessions opens the database for checking sessions.
func (a *App) OpenSessions() (*Sessions, error) {
	db, err := a.Open()
	if err != nil {
		return nil, err
	}
	return &Sessions{db: db}, nil
}

// Close closes the database.
func (s *Sessions) Close() error { return s.db.Close() }

// User returns the account signed in with token at now, or nil when the
// token is unknown, expired (12 hours unused or 7 days old) or its account
// disabled.
func (s *Sessions) User(ctx context.Context, token string, now time.Time) (*Signed, error) {
	if token == "" {
		return nil, nil
	}
	db := s.db
	h := tokenHash(token)
	ses, err := db.Session(ctx, h)
	if err != nil || ses == nil {
		return nil, err
	}
	if ses.User.Disabled || now.Sub(ses.LastSeen) > SessionIdle || now.Sub(ses.Created) > SessionMax {
		return nil, db.EndSession(ctx, h)
	}
	if now.Sub(ses.LastSeen) > touchEvery {
		if err := db.TouchSession(ctx, h, now); err != nil {
			return nil, err
		}
	}
	return &Signed{Name: ses.User.Name, Role: ses.User.Role}, nil
}

// SignOut ends the session of token.
func (a *App) SignOut(ctx context.Context, token string) error {
	if token == "" {
		return nil
	}
	db, err := a.Open()
	if err != nil {
		return err
	}
	defer db.Close()
	return db.EndSession(ctx, tokenHash(token))
}

// LocalActor names the person at this machine, who needs no account in
// loopback mode and at the command line: the system user's name, or 本机.
func LocalActor() string {
	if u, err := user.Current(); err == nil {
		name := u.Username
		if _, after, ok := strings.Cut(name, `\`); ok { // Windows: DOMAIN\name
			name = after
		}
		if name != "" {
			return name
		}
	}
	return "本机"
}

// acting returns ctx with the person doing a thing: the one the workbench
// put there (circular.WithActor), else the person at this machine.
func acting(ctx context.Context) context.Context {
	if circular.Actor(ctx) != "" {
		return ctx
	}
	return circular.WithActor(ctx, LocalActor())
}
