package entity

import "flag"

var update = flag.Bool("update", false, "update golden files")
