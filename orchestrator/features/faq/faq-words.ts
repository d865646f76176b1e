/** The word lists the FAQ matcher reads lines with, in the languages shows are run in. */

const list = (words: string): Set<string> => new Set(words.trim().split(/\s+/u));

/** Words that carry no topic; they are ignored among the words of an entry's question. */
export const STOP_WORDS = list(`
  a an the is are was be do does did how what when where which who why can could will would should i you we it my your our of to in
  on for with and or this that there any have has me us from at by about much many if its
  как что где когда сколько какой какая какие ли и в на с у по за из к о а но это вы мы я он она оно они есть можно нас вас мне же то
  wie was wann wo ist sind der die das ein eine und oder ich ihr sie es zu mit von für fur auf im man kann gibt habt hat
`);

/**
 * Words a question or a request opens with, in the languages our viewers write ("whens", "hows":
 * the apostrophe is often skipped). Russian ones also count in Latin letters ("skolko", "kakoy").
 */
export const QUESTION_OPENERS = list(`
  how hows what whats when whens where wheres which who whos why whys do does did is are can could will would should any tell please pls plz
  сколько как когда где есть какой какая какое какие каким какого какую что чем почему зачем можно а подскажите скажите расскажите подскажи
  скажи покажите покажи посоветуйте посоветуй объясните
  wie was wann wo welche welcher welches warum gibt kann können konnen ist sind habt hat
`);

/**
 * Question words that ask wherever they stand: spoken Russian puts them last ("доставка сколько
 * дней", "срок годности какой"), where "как"/"что" would more often be a conjunction.
 */
export const QUESTION_WORDS_ANYWHERE = list(`сколько какой какая какое какие каким какого какую`);

/** Question words that ask when they end the line ("а отправка когда", "посылка где"). */
export const QUESTION_WORDS_LAST = list(`когда где`);

/** Words before the question that do not make it less of one ("hi, how long…", "wait which one is that", "ну сколько ждать"). */
export const LEAD_INS = list(`
  hi hey hello yo guys girls ladies wait so ok okay oh and but also btw um hmm sorry
  привет здравствуйте добрый день вечер девочки ребята ребят ну так слушайте кстати извините
  hallo moin servus
`);

/** A request ends with these ("size chart please", "цена на халат плиз"). */
export const REQUEST_TAILS = list(`please pls plz пожалуйста плиз пжл пж`);

/** Replies that a polite tail follows without asking anything ("yes please", "да, пожалуйста"). */
export const REPLIES = list(`yes yeah yep yup no nope thanks thank you ok okay sure да нет спасибо ок ага конечно`);

/**
 * Praise and scorn: a line without "?" that holds one of these is an exclamation even when it
 * opens with a question word ("какая прелесть", "what a gorgeous shade", "why are you so dumb").
 * A word ending in "-" is a stem that all its forms share.
 */
export const EXCLAIMED_WORDS = list(`
  beautiful gorgeous cute lovely amazing stunning awesome adorable dumb stupid ugly idiot moron
  прелест- красот- красив- шикарн- классн- чудесн- восхитит- офигенн- обалденн- божествен- великолепн- милый милая милота
  тупая тупой тупые урод- дура дурак идиот- кошмар-
`);

/**
 * Common words of shop chat that sit one letter away from typical FAQ words: a real word is not
 * a typo of another ("shop" is not "ship", "поставка" is not "доставка").
 */
export const COMMON_WORDS = list(`
  shop shops store order orders cart card cards sale sold size site sizes wait want mine time chip share shape shade shades stock price
  prize light night right white great later other mother brother sister color colour water shower power lower order
  поставка подставка заставка приставка остановка постановка заказ показ рассказ карма марка парка сумка почта точка ссылка
  сорок срок рост пост лист цвет свет совет ответ привет
`);

/** Words that lead to a place: "shipping to australia", "доставка в Минск", "Versand nach Wien". */
export const PLACE_WORDS = list(`to into в во до nach`);
