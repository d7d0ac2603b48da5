"""Words for resume codes: short, common, easy to write down, no æ/ø/å (any keyboard), none
offensive, no two alike. Three of them make a code: 300**3 = 27 million codes."""

WORDS = tuple(sorted(set("""
alle anker ark arm bad bake ball banan bank bark barn bass bein benk berg bil bjelle blad blikk
blomst blyant bok bolle bonde bor borg bot bris bro bror brun buss by dag dal dans data datter
deig dikt disk dokk dom drage drops due dusj dyr egg eik elg elv eple eske fane farge far fat
fe fele fest fiol film fisk fjell fjord flagg fly fot frisk frost frukt fugl gave gate geit
gips glass gress gris grus gul gutt hage hale hals hane hatt hav havre hest himmel hjul hjerte
honning horn hotell hund hus hytte is jakke jente jord juice kaffe kake kam kanal kanin kart
katt kino kirke klokke knapp kniv kopp kork krone krus kule kveld kyst lag laks lam lampe land
last laus lege leke lilla lim linje lue luft lys maling mat melk mil mus musikk myr natt nese
nett nisse nord note ost padle palme papir park pels penn pepper pil pizza plante pose post
potet pute radio ram regn reise rev ris rose rot rute sag salt sand sau sekk seng sjokolade
sko skog sky slott snekker snill sofa sol sommer sopp spade speil sport stein stjerne stol
storm strand sukker sykkel sild skjorte sol stue sump suppe svane tak tann te telt tid tiger
tog tomat topp torg tre troll tur ugle ull vann vase vei vest vind vinter vogn vott ulv yoghurt
apen bord dukke eng fersk fjor frosk gaffel gitar gran hylle kamel kiwi kost krabbe lama
lekse mango melon mynt okse oliven panne pingvin pirat plomme ponni pumpe rakett robot sebra
sirkel skilpadde slange snegle spill sirup stige tavle teppe tromme ugle vaffel veske ventil
agurk ananas appelsin avis ballong bamse bjorn blekk brev ekorn engel fargestift fiolin fyr
gulrot hammer isbre jordbar kompass kringle lommelykt marsipan mikrofon pannekake paraply
""".split())))
