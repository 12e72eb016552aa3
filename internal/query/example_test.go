package query_test

import (
	"errors"
	"fmt"

	"github.com/newsindex/newsindex/internal/query"
)

func ExampleParse() {
	n, err := query.Parse(`“North Korea” (sanctions OR missile*) NOT people:(Kim OR Moon) org:UN`)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(n)
	fmt.Println(query.Terms(n))
	fmt.Println(query.Fields(n))
	// Output:
	// "North Korea" (sanctions OR missile*) -(person:Kim OR person:Moon) organization:UN
	// [North Korea sanctions missile*]
	// [organization person]
}

func ExampleError() {
	_, err := query.Parse(`(iran OR iraq oil`)
	var qe *query.Error
	if errors.As(err, &qe) {
		fmt.Println(qe.Pos, qe.Msg)
	}
	fmt.Println(err)
	// Output:
	// 0 unbalanced parenthesis
	// query: unbalanced parenthesis at position 0
}
