package circular

import "strings"

// traditionalPairs pairs each traditional (or variant) character with its
// simplified form, for the characters the closed lists, their aliases, the
// workbook's headers and sheet names use — so that 網易號, 頭條號, 微信公眾號 or a
// header 網站標識碼 copied from a traditional-character page are matched. It
// was produced with OpenCC 1.1.6 (Debian's opencc: s2t, s2tw, s2hk, s2twp and
// t2s over the Han characters of internal/circular and internal/excel/workbook.go);
// add pairs when a new closed-list value or alias brings new characters.
const traditionalPairs = "" +
	"丟丢並并佈布併并侷局係系個个備备傢家內内兩两別别刪删則则劃划動动務务區区卽即參参員员問问單单嚴严國国圍围圖图埰采報报壓压" +
	"壞坏寀采實实審审寫写對对導导屬属帳帐帶带幾几廢废廣广張张彆别後后從从復复態态應应戶户採采損损擇择據据數数於于時时書书會会" +
	"東东査查條条業业構构標标樣样機机檢检檯台欄栏權权決决沒没況况洩泄測测為为無无營营爲为狀状獨独現现發发監监眾众碼码稱称箇个" +
	"範范約约紅红結结統统綫线網网線线緻致縣县總总繫系續续聞闻臺台與与蓋盖蔘参處处號号衆众衕同製制複复覈核規规視视觸触訂订計计" +
	"訊讯訪访設设許许註注誤误說说説说請请論论識识讀读負负貼贴賬账載载輪轮轉转辦办迴回這这連连週周運运過过達达選选釦扣銷销錯错" +
	"錶表鏈链長长門门閉闭開开間间閤合閱阅閲阅關关陽阳際际隻只頁页項项須须頓顿頭头頻频題题類类颱台餘余騰腾體体髮发鬚须鵝鹅麪面" +
	"麫面麵面點点齣出"

// traditional maps a traditional character to its simplified form.
var traditional = func() map[rune]rune {
	rs := []rune(traditionalPairs)
	m := make(map[rune]rune, len(rs)/2)
	for i := 0; i+1 < len(rs); i += 2 {
		m[rs[i]] = rs[i+1]
	}
	return m
}()

// foldTraditional replaces the traditional characters of traditionalPairs by
// their simplified forms; for matching only, never for printed text.
func foldTraditional(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { _, ok := traditional[r]; return ok }) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if t, ok := traditional[r]; ok {
			return t
		}
		return r
	}, s)
}
