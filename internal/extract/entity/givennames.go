package entity

import "strings"

// GivenName tells whether the lower-cased word lw is a common first name:
// 'f' or 'm' for a woman's or a man's, 0 for no first name it knows.
func GivenName(lw string) byte {
	switch {
	case femaleNames[lw]:
		return 'f'
	case maleNames[lw]:
		return 'm'
	}
	return 0
}

func wordSet(lines ...string) map[string]bool {
	m := map[string]bool{}
	for _, l := range lines {
		for _, w := range strings.Fields(l) {
			m[w] = true
		}
	}
	return m
}

// femaleNames and maleNames are common first names: they tell a person's
// name from the words around it and resolve "she" and "he".
var femaleNames = wordSet(
	"hillary melania ivanka kellyanne sarah huma chelsea michelle nancy elizabeth carly",
	"jill hope donna debbie condoleezza madeleine nikki marie isabelle darcie anne ann anna",
	"mary patricia jennifer linda barbara susan jessica karen lisa betty margaret sandra ashley",
	"kimberly emily michelle dorothy carol amanda melissa deborah stephanie rebecca laura",
	"sharon cynthia kathleen amy shirley angela helen brenda pamela nicole samantha katherine",
	"christine emma catherine rachel carolyn janet maria heather diane julie joyce victoria",
	"kelly christina joan evelyn lauren judith megan andrea cheryl hannah jacqueline martha",
	"gloria teresa sara janice julia kathryn grace judy theresa beverly denise marilyn amber",
	"danielle rose brittany diana abigail jane lori alexis marilyn tiffany kayleigh katrina",
	"claire angela theresa ursula christine kamala alexandria elise tulsi marsha tammy",
	"dana erin sheila loretta valerie yvette connie megyn katy gretchen mika andrea",
	"dianne dianna diane debra ellen eleanor elaine eileen frances gail geraldine harriet irene",
	"jean jeanne joanne josephine kathy katie kristen kristin leslie lillian lucy lynn marcia",
	"marjorie maureen meredith monica natalie nora paula peggy penny phyllis priscilla rachael",
	"regina rita roberta ruth sally shannon stacey stacy sue suzanne sylvia tara tina vanessa",
	"vera virginia wendy whitney zoe alice alicia allison amelia anita annie april audrey",
	"barbara bernadette beth betsy bonnie brooke caroline carrie cassandra cathy charlotte",
	"cindy claudia colleen courtney crystal daisy darlene dawn doris edith elena ella emma",
	"erica esther eva faith felicia florence gina ginger gwen hazel heidi holly ida ingrid",
	"iris ivy jackie jade janet jenna jenny jo joy juanita june kara kate kristina laurie leah",
	"liz lois lora lorraine lydia mabel madison mae maggie mandy marcy margo marion maxine",
	"melinda mia michele mildred miriam molly myra nadia nancy naomi nina olivia pam pauline",
	"pearl rosa rosalind rosemary roxanne sabrina sandy selena serena sofia sonia sophia stella",
	"susanna tamara tanya terri tonya tracy trisha vicki viola wanda yolanda zelda",
)

var maleNames = wordSet(
	"donald bill barack joe mike michael john james robert david richard thomas charles",
	"christopher daniel matthew anthony mark paul steven andrew kenneth joshua kevin brian",
	"george timothy ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen",
	"larry justin scott brandon benjamin samuel gregory frank alexander raymond patrick jack",
	"dennis jerry tyler aaron jose adam henry nathan douglas zachary peter kyle walter ethan",
	"jeremy harold keith christian roger noah gerald carl terry sean austin arthur lawrence",
	"jesse dylan bryan jordan billy bruce albert willie gabriel logan alan juan wayne roy ralph",
	"randy eugene vincent russell elijah louis bobby philip johnny ted marco ben jeb chris rand",
	"tim bernie reince newt rudy corey jared steve vladimir volodymyr xi narendra kim pascal",
	"vladimir emmanuel boris recep benjamin bibi sergei dmitry jens ron rick mitch",
	"harry chuck lindsey marco jim tom dan bob sam pat al ed ken rob greg doug jeff matt nick",
	"hugh neil lloyd newt mitt dick colin leon ash jim josh ari sean stephen karl",
	"abraham adrian alfred allen alvin andre andy angelo antonio barry bernard bradley brett",
	"calvin cameron carlos cecil chad charlie clarence claude clifford clint clyde cody curtis",
	"dale darrell darren dean derek derrick don donnie duane dwight earl eddie edgar edwin",
	"elliott elmer emmett ernest eddie felix fernando floyd francis franklin fred freddie",
	"gene gilbert glen glenn gordon grant guy hank herbert herman howard ian isaac ivan jake",
	"jamie jay jeffery jerome jimmy joel johnnie jon jorge julian julio karl lance lee leo",
	"leonard leroy lester lewis lonnie luis luke manuel marcus mario marshall martin marvin",
	"maurice max melvin miguel milton morris nathaniel neal nelson norman oliver oscar owen",
	"pablo pedro perry phil preston rafael ramon randall reginald rex ricardo ricky roberto",
	"rodney roland ronnie ross ruben rudolph rufus salvador sammy saul seth shane shawn sidney",
	"simon stanley stuart sylvester terrance terrence theodore tony travis trent troy tyrone",
	"vernon victor wade wallace warren wesley wilbur will william willis wilson winston zach",
	"reid eliot elliot spencer sheldon rahm reza hassan mohammed muhammad ahmed ali omar",
)
