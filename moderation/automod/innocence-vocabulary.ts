// The vocabularies the innocence rules (innocence.ts) read, written as general word lists
// rather than from any suite: common given names, the nouns of nature and the kitchen around
// which a listed word is usually innocent, the words of a listed spelling that has an innocent
// sense, and the parts a profane compound is made of.

/**
 * Common given names (after the US census's most frequent male and female first names): a
 * capitalised listed word right after one is a surname ("Tony Hoare").
 */
export const GIVEN_NAMES: ReadonlySet<string> = new Set(
  (
    'james john robert michael william david richard charles joseph thomas christopher daniel paul ' +
    'mark donald george kenneth steven edward brian ronald anthony kevin jason matthew gary timothy ' +
    'jose larry jeffrey frank scott eric stephen andrew raymond gregory joshua jerry dennis walter ' +
    'patrick peter harold douglas henry carl arthur ryan roger joe juan jack albert jonathan justin ' +
    'terry gerald keith samuel willie ralph lawrence nicholas roy benjamin bruce brandon adam harry ' +
    'fred wayne billy steve louis jeremy aaron randy howard eugene carlos russell bobby victor ' +
    'martin ernest phillip todd jesse craig alan shawn clarence sean philip chris johnny earl jimmy ' +
    'antonio danny bryan tony luis mike stanley leonard nathan dale manuel rodney curtis norman ' +
    'allen marvin vincent glenn travis jeff chad jacob lee melvin alfred kyle francis bradley ' +
    'herbert frederick ray joel edwin don eddie ricky troy randall barry alexander bernard mario ' +
    'leroy francisco marcus theodore clifford miguel oscar jay jim tom calvin alex jon ronnie bill ' +
    'lloyd tommy leon derek warren darrell jerome floyd leo alvin tim wesley gordon dean greg jorge ' +
    'dustin pedro derrick dan lewis zachary corey herman maurice vernon roberto clyde glen hector ' +
    'shane ricardo sam rick lester brent ramon charlie tyler gilbert gene marc reginald ruben brett ' +
    'nathaniel rafael edgar milton raul ben chester cecil duane franklin andre elmer brad gabriel ' +
    'ron mitchell roland arnold harvey jared adrian karl cory claude erik darryl neil christian ' +
    'javier fernando clinton ted mathew tyrone darren lance cody julio kurt allan nelson guy ' +
    'clayton hugh max dwayne dwight armando felix everett jordan ian wallace ken bob jaime alfredo ' +
    'alberto dave ivan julian isaac morris byron sidney andy marshall salvador perry kirk sergio ' +
    'seth kent rene eduardo enrique wade ' +
    'mary patricia linda barbara elizabeth jennifer maria susan margaret dorothy lisa nancy karen ' +
    'betty helen sandra donna carol ruth sharon michelle laura sarah kimberly deborah jessica ' +
    'shirley cynthia angela melissa brenda amy anna rebecca virginia kathleen pamela martha debra ' +
    'amanda stephanie carolyn christine marie janet catherine frances ann joyce diane alice julie ' +
    'heather teresa doris gloria evelyn jean cheryl mildred katherine joan ashley judith rose ' +
    'janice kelly nicole judy christina kathy theresa beverly denise tammy irene jane lori rachel ' +
    'marilyn andrea kathryn louise sara anne jacqueline wanda bonnie julia ruby lois tina phyllis ' +
    'norma paula diana annie lillian emily robin peggy crystal gladys rita dawn connie florence ' +
    'tracy edna tiffany carmen rosa cindy grace wendy victoria edith kim sherry sylvia josephine ' +
    'thelma shannon sheila ethel ellen elaine marjorie carrie charlotte monica esther pauline emma ' +
    'juanita anita rhonda hazel amber eva debbie april leslie clara lucille jamie joanne eleanor ' +
    'valerie danielle megan alicia suzanne michele gail bertha darlene veronica jill erin ' +
    'geraldine lauren cathy joann lorraine lynn sally regina erica beatrice dolores bernice audrey ' +
    'yvonne annette june samantha marion dana stacy ana renee ida vivian roberta holly brittany ' +
    'melanie loretta yolanda jeanette laurie katie kristen vanessa alma sue elsie beth jeanne'
  ).split(' '),
);

/**
 * Nouns of animals, plants, food and the countryside: near one of them (a few words away), a
 * listed word with an innocent sense takes that sense ("cock pheasant", "pussy willow").
 */
export const NATURE_AND_FOOD: ReadonlySet<string> = new Set(
  // animals
  (
    'animal animals bird birds birding birdwatching feeder feeders nest nests egg eggs feather ' +
    'feathers wing wings beak hen hens chicken chickens rooster roosters chick chicks poultry ' +
    'pheasant pheasants grouse partridge quail duck ducks goose geese swan swans owl owls hawk ' +
    'falcon eagle robin sparrow finch finches wren warbler thrush starling crow raven magpie jay ' +
    'pigeon dove gull heron stork crane parrot parrots pelican penguin penguins woodpecker ' +
    'songbird plumage aviary cage donkey donkeys mule mules horse horses pony foal stable farm ' +
    'farmer barn cow cows cattle sheep lamb goat goats pig pigs livestock dog dogs puppy puppies ' +
    'pup pups breed breeds breeder kennel leash cat cats kitten kittens kitty pet pets vet zoo ' +
    'wildlife monkey monkeys ape rabbit hare fox deer mouse mice rat squirrel beaver otter ' +
    'badger hedgehog fish fishing trout salmon whale seal turtle frog snake lizard insect bee ' +
    'bees butterfly moth ' +
    // plants and the countryside
    'plant plants tree trees shrub bush flower flowers blossom catkin catkins willow willows ' +
    'oak birch pine ash elm maple leaf leaves seed seeds garden gardens gardening meadow field ' +
    'fields hedge hedgerow forest woods woodland marsh pond lake river creek stream valley hill ' +
    'moor heath reserve park ' +
    // food and the kitchen
    'food dish dishes recipe recipes cook cooking cooked kitchen soup stew broth pie pies ' +
    'pudding puddings custard cream sauce gravy cake cakes tart dessert bread roast dinner lunch ' +
    'supper breakfast menu restaurant leek leeks onion onions garlic mushroom mushrooms pepper ' +
    'salt herb herbs spice spices vegetable vegetables fruit raisins currants suet'
  ).split(' '),
);

/**
 * Listed spellings that are also ordinary words or names: a cockerel, a tit, a donkey, a booby,
 * a raccoon, a chink of light, an embankment, "cum" in Latin. Only these are judged by context;
 * the rest of the lists are profane wherever they appear as words.
 */
export const AMBIGUOUS_WORDS: ReadonlySet<string> = new Set([
  'ass',
  'asses',
  'beaver',
  'bitch',
  'bitches',
  'booby',
  'boobies',
  'bugger',
  'chink',
  'cock',
  'cocks',
  'coon',
  'coons',
  'cum',
  'dick',
  'dicks',
  'dyke',
  'dykes',
  'fanny',
  'hooker',
  'knob',
  'muff',
  'nob',
  'pecker',
  'prick',
  'pussy',
  'screw',
  'shag',
  'shags',
  'spunk',
  'tit',
  'tits',
  'willy',
]);

/** Words after which a listed word with an innocent sense takes it: "a chink in", "cum laude". */
export const INNOCENT_NEIGHBOURS: ReadonlyMap<
  string,
  { before: readonly string[]; after: readonly string[] }
> = new Map([
  ['chink', { before: [], after: ['in', 'of'] }],
  ['chinks', { before: [], after: ['in', 'of'] }],
  ['cum', { before: ['magna', 'summa'], after: ['laude', 'grano'] }],
]);

/**
 * What a profane compound is made of besides a listed stem: "motherfucker", "bullshit",
 * "dickhead", "fucking", "shitty". A listed stem inside a longer word whose other letters are
 * not made of these parts (and of listed stems) is part of another word: "Dickens", "cockpit",
 * "Cumbria". A doubled last letter before a suffix ("shitty", "twatted") counts as the stem's.
 */
export const PROFANE_PREFIXES: readonly string[] = [
  'mother',
  'muther',
  'mutha',
  'bull',
  'horse',
  'dip',
  'dumb',
  'jack',
  'smart',
  'bad',
  'cluster',
  'chicken',
  'holy',
  'fat',
  'dog',
  'big',
  'lil',
  'super',
  'mega',
  'stupid',
  'son',
  'of',
  'a',
  'ya',
  'you',
  'ur',
  'the',
  'go',
  'get',
  'uber',
];

export const PROFANE_SUFFIXES: readonly string[] = [
  's',
  'es',
  'z',
  'ez',
  'd',
  'ed',
  'er',
  'ers',
  'erz',
  'ing',
  'ings',
  'y',
  'ie',
  'ies',
  'ey',
  'a',
  'as',
  'az',
  'o',
  'ot',
  'ots',
  'got',
  'gots',
  'hole',
  'head',
  'face',
  'wit',
  'bag',
  'stain',
  'tard',
  'load',
  'show',
  'storm',
  'fest',
  'nut',
  'suck',
  'sucker',
  'lick',
  'licker',
  'eater',
  'off',
  'up',
  'you',
  'u',
  'ya',
  'me',
  'him',
  'her',
  'them',
  'it',
  'this',
  'that',
  'yourself',
  'wad',
  'hat',
  'wipe',
  'clown',
  'munch',
  'muncher',
  'lord',
  'master',
  'bucket',
  'brain',
  'brained',
  'weed',
  'stick',
  'ful',
  'ness',
  'less',
  'ass',
  'bitch',
  'boy',
  'girl',
  'man',
  'men',
  'shot',
  'dump',
  'tastic',
  'ass',
  'wad',
  'wads',
];
