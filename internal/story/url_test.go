package story

import "testing"

func TestCanonicalURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://example.com/news/story", "https://example.com/news/story"},
		{"http://www.Example.COM/news/story/", "https://example.com/news/story"},
		{"HTTPS://example.com:443/a", "https://example.com/a"},
		{"http://example.com:80/a", "https://example.com/a"},
		{"https://example.com:8080/a", "https://example.com:8080/a"},
		{"https://example.com/a?utm_source=x&utm_Medium=y&id=3", "https://example.com/a?id=3"},
		{"https://example.com/a?fbclid=1&gclid=2&b=2&a=1#comments", "https://example.com/a?a=1&b=2"},
		{"https://example.com/a/./b/../c", "https://example.com/a/c"},
		{"https://example.com/", "https://example.com"},
		{"https://example.com", "https://example.com"},
		{"  https://example.com/a#top  ", "https://example.com/a"},
		{"https://example.com/a%20b?q=a+b", "https://example.com/a%20b?q=a+b"},
		{"https://example.com./a", "https://example.com/a"},
		{"https://[::1]:8080/a", "https://[::1]:8080/a"},
		{"https://[::1]/a", "https://[::1]/a"},
	}
	for _, tt := range tests {
		got, err := CanonicalURL(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("CanonicalURL(%q) = %q, %v, want %q", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "example.com/a", "ftp://example.com/a", "https:///a", "http://%zz"} {
		if got, err := CanonicalURL(bad); err == nil {
			t.Errorf("CanonicalURL(%q) = %q, want an error", bad, got)
		}
	}
}
