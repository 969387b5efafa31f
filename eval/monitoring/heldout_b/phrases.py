"""Phrase banks for the heldout_b streams: what Malaysians write about each topic.

Templates carry slots ({place}, {road}, ...) filled from the stream's region. Each topic
has BM (ms), English (en), mixed (mix), Chinese (zh) and Tamil (ta) lines; a language a
topic lacks falls back to BM. Event banks (bursts, rumours, viral spikes) are separate so
that an event's extra mentions read differently from the topic's ordinary chatter.
"""

REGIONS = {
    "klang_valley": {
        "place": ["Shah Alam", "Petaling Jaya", "Subang Jaya", "Klang", "Cheras", "Kajang",
                  "Ampang", "Puchong", "Setapak", "Kepong", "Bangsar", "Gombak",
                  "Seri Kembangan", "Bangi", "Rawang", "Cyberjaya", "Sungai Buloh"],
        "road": ["LDP", "Federal Highway", "MRR2", "NKVE", "Jalan Klang Lama", "SKVE",
                 "Jalan Duta", "DUKE", "Jalan Cheras", "Lebuhraya Sungai Besi", "Jalan Ipoh",
                 "Persiaran Surian"],
        "line": ["LRT Kelana Jaya", "MRT Kajang", "LRT Ampang", "KTM Komuter", "Monorel",
                 "MRT Putrajaya", "bas Rapid KL"],
        "water_op": ["Air Selangor"],
    },
    "east_coast": {
        "place": ["Kota Bharu", "Pasir Mas", "Tumpat", "Kuala Krai", "Tanah Merah",
                  "Machang", "Pasir Puteh", "Bachok", "Kuala Terengganu", "Dungun",
                  "Kemaman", "Besut", "Marang", "Hulu Terengganu", "Setiu", "Gua Musang",
                  "Rantau Panjang", "Jerteh"],
        "road": ["Jalan Kota Bharu-Kuala Krai", "Jalan Pasir Mas-Rantau Panjang", "LPT3",
                 "Jalan Gua Musang", "Jalan Tumpat", "Jalan Kuala Terengganu-Kota Bharu",
                 "Jalan Jerteh", "Jambatan Sultan Yahya Petra", "Jalan Pengkalan Chepa"],
        "line": ["bas MyBas Kota Bharu", "bas Bas.My Kuala Terengganu", "KTM Tumpat"],
        "water_op": ["Air Kelantan", "SATU"],
    },
    "johor": {
        "place": ["Johor Bahru", "Skudai", "Kulai", "Pasir Gudang", "Batu Pahat", "Muar",
                  "Kluang", "Segamat", "Pontian", "Iskandar Puteri", "Kota Tinggi",
                  "Mersing", "Tebrau", "Larkin", "Masai", "Senai"],
        "road": ["Tambak Johor", "Lebuhraya Pasir Gudang", "Jalan Skudai", "Laluan Kedua",
                 "Jalan Tebrau", "PLUS Simpang Renggam", "Jalan Kulai-Kota Tinggi", "EDL",
                 "Jalan Kempas"],
        "line": ["bas Causeway Link", "KTM Shuttle Tebrau", "RTS Link", "bas BAS.MY JB"],
        "water_op": ["Ranhill SAJ"],
    },
    "national": {
        "place": ["Ipoh", "George Town", "Alor Setar", "Seremban", "Melaka", "Kuantan",
                  "Kuching", "Kota Kinabalu", "Sandakan", "Miri", "Shah Alam", "Johor Bahru",
                  "Kota Bharu", "Kuala Terengganu", "Putrajaya", "Klang", "Taiping",
                  "Sungai Petani", "Bintulu", "Temerloh"],
        "road": ["Lebuhraya PLUS", "LPT2", "Jalan Kuantan-Segamat", "Pan Borneo",
                 "Jalan Ipoh-Lumut", "Jambatan Pulau Pinang", "Federal Highway",
                 "Jalan Tuaran"],
        "line": ["ETS", "KTM Komuter", "LRT Kelana Jaya", "bas ekspres"],
        "water_op": ["Air Selangor", "PBAPP", "SAINS", "Ranhill SAJ", "JBA Sabah"],
    },
}

COMMON_SLOTS = {
    "agency": ["LHDN", "JPJ", "PDRM", "Bank Negara", "KWSP", "Pos Malaysia", "PTPTN", "TNB",
               "SPRM", "Mahkamah"],
    "app": ["MySejahtera", "MyJPJ", "MyDigital ID", "MyTax", "MyEG", "aplikasi PADU"],
    "fee": ["cukai jalan", "saman trafik", "yuran PIBG", "bil air", "cukai taksiran",
            "bayaran PTPTN", "caj parkir", "lesen memandu"],
    "amount": ["50", "80", "150", "300", "450", "1,200", "2,500", "3,800", "12,000"],
    "hour": ["8 pagi", "10 pagi", "12 tengah hari", "3 petang", "5 petang", "9 malam"],
    "n": ["2", "3", "4", "5", "6", "10", "12"],
    "clinic": ["Klinik Kesihatan", "Hospital", "klinik panel", "KK"],
}

# One template per line; {school} is built from a place, see texts.py-like filler.
TOPICS = {
    "traffic": {
        "ms": [
            "Sesak teruk kat {road} pagi ni, dah 40 minit tak bergerak",
            "{road} arah {place} jem gila, elakkan kalau boleh",
            "Ada kemalangan kecil dekat {road}, lorong kanan ditutup",
            "Lampu isyarat di simpang {place} rosak lagi",
            "Kenapa {road} selalu sesak waktu {hour}?",
            "Kerja jalan kat {road} tak habis-habis, bila nak siap?",
            "Jalan ke {place} ok tak sekarang?",
            "Tol {road} sesak, pakai lorong RFID pun lambat",
            "Lubang besar kat {road} dekat {place}, bahaya untuk motosikal",
            "Parking penuh kat {place}, pusing 3 kali baru dapat",
            "Lalu {road} tadi lancar je, alhamdulillah",
            "Polis buat sekatan jalan raya dekat {place}",
        ],
        "en": [
            "Traffic on {road} is terrible right now, avoid if you can",
            "Anyone know why {road} is so jammed this morning?",
            "Road works near {place} again, one lane closed",
            "Accident on {road} towards {place}, expect delays",
            "Traffic light at {place} junction not working",
            "{road} smooth today for once",
        ],
        "mix": [
            "{road} jam teruk gila, otw {place} pun tak sampai lagi",
            "Weh {road} ada accident ke? Stuck dah 30 min",
            "Traffic {place} hari ni ok tak, nak keluar ni",
            "Roadblock dekat {place}, bawa lesen ya geng",
            "Potholes kat {road} makin banyak, tayar dah pancit",
        ],
        "zh": [
            "{road}大塞车，大家避开",
            "{place}那边车祸，车很多",
            "每天早上{road}都塞，受不了",
        ],
        "ta": [
            "{road} சாலையில் கடும் போக்குவரத்து நெரிசல்",
            "{place} அருகே விபத்து, கவனமாக செல்லுங்கள்",
        ],
    },
    "water": {
        "ms": [
            "Air tak ada lagi kat {place} sejak pagi, bila {water_op} nak pulihkan?",
            "Tekanan air lemah kat rumah, tingkat atas langsung tak naik",
            "Air paip keruh warna teh kat {place}",
            "{water_op} umum gangguan bekalan air berjadual untuk {place}",
            "Bil air bulan ni naik, ada bocor ke?",
            "Lori tangki air dah sampai {place} belum?",
            "Paip bocor depan rumah dah seminggu, dah report tapi tak datang",
            "Air dah pulih kat {place}, terima kasih {water_op}",
            "Kenapa selalu gangguan air hujung minggu?",
            "Simpan air siap-siap, esok ada kerja penyelenggaraan",
        ],
        "en": [
            "No water in {place} since morning, any update from {water_op}?",
            "Water pressure super low again in {place}",
            "Tap water looks brown today, is it safe?",
            "{water_op} scheduled interruption for {place} this week",
            "Water is back in {place}, finally",
        ],
        "mix": [
            "Air takde lagi kat {place}, mandi pakai air mineral je",
            "{water_op} please update, dah 2 hari water cut",
            "Water supply kat {place} on off on off, apa cerita?",
            "Tangki rumah dah kosong, lori tangki bila sampai?",
        ],
        "zh": [
            "{place}又停水了，什么时候才有水？",
            "水管的水黄黄的，可以用吗？",
            "{water_op}说明天维修，大家先储水",
        ],
        "ta": [
            "{place} பகுதியில் இன்னும் தண்ணீர் வரவில்லை",
            "குழாய் நீர் கலங்கலாக இருக்கிறது",
        ],
    },
    "scam": {
        "ms": [
            "Dapat panggilan mengaku pegawai {agency}, kata ada kes. Scam kan?",
            "Hati-hati SMS minta klik link kononnya bantuan kerajaan",
            "Kawan saya kena tipu RM{amount} beli barang online",
            "Ada orang WhatsApp guna gambar profil anak saya minta duit",
            "Macam mana nak report akaun keldai? Dah kena scam",
            "Call dari nombor luar negara, terus letak",
            "Tawaran kerja part time like video dapat RM{amount} sehari, penipuan!",
            "Semak nombor akaun dulu sebelum transfer, banyak scam sekarang",
            "Pakcik saya hampir kena scam pelaburan emas",
            "Dapat email kononnya dari bank, minta TAC. Jangan layan",
        ],
        "en": [
            "Got a call claiming to be from {agency}, definitely a scam",
            "Beware of fake job offers paying RM{amount} a day for liking videos",
            "My aunt lost RM{amount} to an online shopping scam",
            "Scam SMS going around with a fake parcel link, don't click",
            "How do I report a mule account? Lost money to a scammer",
        ],
        "mix": [
            "Scammer call lagi mengaku dari {agency}, dah block",
            "Jangan click link dalam SMS tu, confirm scam",
            "Kena scam beli tiket konsert, RM{amount} lesap",
            "Investment scam kat Telegram makin banyak, hati-hati guys",
        ],
        "zh": [
            "又是诈骗电话，自称{agency}，大家小心",
            "网购被骗了{amount}令吉，怎么报案？",
            "不要点陌生短信的链接",
        ],
        "ta": [
            "{agency} என்று சொல்லி மோசடி அழைப்பு, கவனம்!",
            "இணைய மோசடியில் RM{amount} இழந்தேன்",
        ],
    },
    "health": {
        "ms": [
            "Giliran kat {clinic} {place} lama gila, dari pagi tunggu",
            "Anak demam 3 hari, ramai budak tadika kena juga",
            "Kes denggi kat taman kami, bila nak fogging?",
            "Ubat habis stok kat farmasi {clinic}",
            "Berapa caj rawatan pesakit luar sekarang?",
            "Batuk selsema tengah musim ni, pakai mask bila sakit",
            "Temujanji {clinic} ditunda lagi, dah 2 kali",
            "Nak buat saringan kesihatan percuma kat mana?",
            "Jururawat di {clinic} {place} sangat membantu, terima kasih",
            "Ambulans lambat sampai kat {place} semalam",
        ],
        "en": [
            "Waiting time at {clinic} {place} is over 4 hours",
            "Lots of kids down with fever this week",
            "Dengue cases in our area, requesting fogging",
            "Is the free health screening still on in {place}?",
            "The pharmacy at {clinic} ran out of my medicine again",
        ],
        "mix": [
            "Queue kat {clinic} panjang gila, bawa bekal la",
            "Anak batuk teruk, doktor kata viral infection",
            "Fogging bila nak buat, nyamuk banyak gila kat {place}",
            "Appointment {clinic} postpone lagi, frustrated",
        ],
        "zh": [
            "{clinic}排队排到下午",
            "最近很多小孩发烧，大家小心",
            "我们花园有骨痛热症，什么时候喷雾？",
        ],
        "ta": [
            "மருத்துவமனையில் நீண்ட வரிசை",
            "குழந்தைகளுக்கு காய்ச்சல் அதிகம்",
        ],
    },
    "fees": {
        "ms": [
            "Macam mana nak semak {fee} secara online?",
            "{fee} naik lagi tahun ni, berat untuk kami",
            "Dah bayar {fee} tapi sistem tunjuk belum bayar",
            "Diskaun {fee} sampai bila?",
            "Kaunter bayaran {fee} di {place} tutup pukul berapa?",
            "Saya dapat notis tunggakan {fee} RM{amount}, betul ke?",
            "Boleh bayar {fee} ansuran tak?",
            "Resit {fee} tak sampai ke emel",
        ],
        "en": [
            "How do I check my {fee} online?",
            "Paid my {fee} but the system still shows outstanding",
            "Is there a discount for {fee} this month?",
            "Received an arrears notice of RM{amount}, is that right?",
        ],
        "mix": [
            "Nak renew {fee} online, website lambat sangat",
            "Bayar {fee} guna e-wallet boleh ke?",
            "Kenapa {fee} mahal sangat tahun ni, tak logik",
        ],
        "zh": [
            "{fee}怎么在网上付？",
            "今年的{fee}又涨了",
        ],
        "ta": [
            "{fee} கட்டணம் ஏன் இவ்வளவு அதிகம்?",
        ],
    },
    "school": {
        "ms": [
            "Sekolah {school} cuti esok ke?",
            "Yuran PIBG {school} tahun ni berapa?",
            "Bas sekolah lambat lagi pagi ni kat {place}",
            "Buku teks belum dapat lagi, anak dah masuk minggu ketiga",
            "Tandas {school} rosak, kesian budak-budak",
            "Keputusan peperiksaan bila keluar?",
            "Kantin {school} harga makanan mahal",
        ],
        "en": [
            "Is {school} closed tomorrow?",
            "School bus late again in {place}",
            "When are the exam results out?",
        ],
        "mix": [
            "Anak kata cikgu suruh beli buku latihan lagi, banyak sangat",
            "PIBG meeting {school} hari Sabtu ni, siapa pergi?",
        ],
        "zh": [
            "{school}明天放假吗？",
            "学校的巴士又迟到了",
        ],
        "ta": [
            "பள்ளி பேருந்து இன்றும் தாமதம்",
        ],
    },
    "app": {
        "ms": [
            "{app} minta kemaskini lagi, dah update tapi tak boleh masuk",
            "Macam mana nak tukar nombor telefon dalam {app}?",
            "{app} lambat betul hari ni",
            "Dah daftar {app} tapi tak dapat kod pengesahan",
            "{app} versi baru ok, lagi laju",
            "Sijil dalam {app} tak keluar, kena pergi kaunter ke?",
        ],
        "en": [
            "{app} keeps asking me to update",
            "Can't get the verification code for {app}",
            "How do I change my phone number on {app}?",
            "New {app} update is actually decent",
        ],
        "mix": [
            "{app} hang lepas update, ada orang lain kena?",
            "Login {app} asyik error, dah clear cache pun sama",
            "{app} ni kenapa slow sangat malam ni",
        ],
        "zh": [
            "{app}一直要更新，烦",
            "{app}收不到验证码",
        ],
        "ta": [
            "{app} செயலியில் உள்நுழைய முடியவில்லை",
        ],
    },
    "weather": {
        "ms": [
            "Hujan lebat sejak subuh kat {place}",
            "Langit gelap kat {place}, macam nak ribut",
            "Panas terik hari ni, jaga hidrasi",
            "MetMalaysia keluarkan amaran hujan berterusan untuk {place}",
            "Angin kuat kat pantai {place}, nelayan tak turun laut",
            "Hujan renyai je kat {place}, jalan licin",
            "Dah seminggu hujan tak berhenti",
            "Cuaca sejuk pagi ni, jarang macam ni",
        ],
        "en": [
            "Heavy rain in {place} since dawn",
            "Thunderstorm warning for {place} this afternoon",
            "So hot today, stay hydrated",
            "Strong winds at {place} beach today",
        ],
        "mix": [
            "Hujan non-stop kat {place}, baju tak kering-kering",
            "Weather hari ni gloomy gila, malas nak keluar",
            "Ribut petang tadi, pokok tumbang kat {place}",
        ],
        "zh": [
            "{place}下大雨了",
            "今天好热，多喝水",
        ],
        "ta": [
            "{place} பகுதியில் கனமழை பெய்கிறது",
        ],
    },
    "flood": {
        "ms": [
            "Paras air sungai kat {place} naik sikit, masih selamat",
            "Musim tengkujuh dah mula, siap sedia beg kecemasan",
            "Longkang tersumbat kat {place}, hujan sikit dah bertakung",
            "PPS di {place} dah dibuka ke belum?",
            "Semak paras sungai di laman web JPS",
            "Tahun lepas banjir sampai paras pinggang kat {place}",
            "Bantuan banjir tahun lepas belum dapat lagi",
        ],
        "en": [
            "River level at {place} rising slightly, still normal",
            "Monsoon season is here, prepare your emergency bag",
            "Clogged drains in {place} causing puddles after light rain",
        ],
        "mix": [
            "Air sungai {place} naik sikit, standby je dulu",
            "Flood relief tahun lepas pun tak dapat lagi, sedih",
        ],
        "zh": [
            "{place}河水涨了一点，还好",
            "雨季来了，准备好紧急包",
        ],
        "ta": [
            "{place} ஆற்றில் நீர்மட்டம் சற்று உயர்ந்துள்ளது",
        ],
    },
    "transport": {
        "ms": [
            "{line} lambat lagi pagi ni, dah 20 minit tunggu",
            "Sesak teruk di {road}, dari {place} ke JB 2 jam",
            "Bas {line} tak ikut jadual langsung",
            "Beratur panjang di CIQ, bawa air",
            "Tren penuh sesak waktu {hour}",
            "Kaunter tiket {line} tutup, kena guna mesin",
            "Laluan {line} ok hari ni, cepat",
            "Pas bulanan {line} naik harga ke?",
        ],
        "en": [
            "{line} delayed again this morning",
            "Causeway jam is crazy, 2 hours to cross",
            "Is {line} running on schedule today?",
            "Long queue at the checkpoint, bring water",
        ],
        "mix": [
            "{line} delay lagi, lambat masuk kerja confirm",
            "Jem Tambak teruk, motor pun stuck",
            "Naik {line} hari ni smooth, jarang-jarang",
        ],
        "zh": [
            "{road}大塞车，过关两个小时",
            "{line}又迟到了",
        ],
        "ta": [
            "{line} இன்றும் தாமதம்",
        ],
    },
    "council": {
        "ms": [
            "Lampu jalan kat {place} dah seminggu padam",
            "Majlis bandaraya bila nak potong rumput kat taman {place}?",
            "Aduan saya tentang longkang belum diambil tindakan",
            "Gerai haram di tepi jalan {place} makin banyak",
            "Terima kasih majlis, jalan kat {place} dah diturap",
            "Cukai taksiran boleh bayar dekat mana?",
        ],
        "en": [
            "Street lights in {place} have been out for a week",
            "Who do I contact about illegal parking in {place}?",
            "Thanks to the council for fixing the road in {place}",
        ],
        "mix": [
            "Report dah buat, tapi lampu jalan {place} masih padam",
            "Council please check longkang tersumbat kat {place}",
        ],
        "zh": [
            "{place}的路灯坏了一个星期",
        ],
        "ta": [
            "{place} தெருவிளக்குகள் எரியவில்லை",
        ],
    },
    "parks": {
        "ms": [
            "Taman rekreasi {place} bersih hari ni, seronok jogging",
            "Permainan kanak-kanak kat taman {place} rosak",
            "Tandas awam taman {place} kotor",
            "Ramai orang berkelah kat tasik {place} hujung minggu",
        ],
        "en": [
            "Park in {place} is lovely this morning",
            "Playground at {place} park is broken, please fix",
        ],
        "mix": [
            "Jogging track {place} best, tapi lampu malam takde",
        ],
        "zh": [
            "{place}公园今天很干净",
        ],
    },
    "library": {
        "ms": [
            "Perpustakaan awam {place} buka hari Ahad tak?",
            "Nak pinjam buku, kena daftar ahli dulu ke?",
            "Bilik belajar perpustakaan {place} penuh",
        ],
        "en": [
            "Is the {place} public library open on Sunday?",
            "Study rooms at the library are always full",
        ],
        "mix": [
            "Library {place} wifi laju, best untuk study",
        ],
    },
    "events": {
        "ms": [
            "Ada karnival hujung minggu ni kat {place}?",
            "Konsert percuma di dataran {place} malam ni",
            "Pasar malam {place} hari apa?",
            "Program gotong-royong kat {place} Sabtu ni",
        ],
        "en": [
            "Any events in {place} this weekend?",
            "Free concert at {place} square tonight",
        ],
        "mix": [
            "Pasar malam {place} best gila, makanan banyak",
            "Run event hujung minggu ni, siapa join?",
        ],
        "zh": [
            "{place}这个周末有什么活动？",
        ],
        "ta": [
            "{place} இந்த வார இறுதியில் நிகழ்ச்சி உள்ளதா?",
        ],
    },
    "waste": {
        "ms": [
            "Sampah tak diangkut dah 3 hari kat {place}",
            "Lori sampah datang hari apa kat {place}?",
            "Tong sampah pecah, minta ganti",
            "Orang buang sampah haram tepi sungai {place}",
        ],
        "en": [
            "Rubbish not collected for 3 days in {place}",
            "Illegal dumping near the river in {place}",
        ],
        "mix": [
            "Sampah bertimbun kat {place}, bau busuk",
        ],
        "zh": [
            "{place}的垃圾三天没收了",
        ],
    },
}

# Short replies that trail an ordinary post (a little natural clustering).
REPLIES = {
    "ms": ["Sama kat {place}", "Betul tu", "Kami pun sama", "Dah report ke?", "Setuju",
           "Harap cepat selesai"],
    "en": ["Same here in {place}", "True", "Same problem", "Did you report it?"],
    "mix": ["Sama la kat {place}", "+1", "Ya betul, same", "Dah report ke belum?"],
    "zh": ["我们这边也是", "对"],
    "ta": ["இங்கும் அதே நிலை"],
}

# What the extra mentions of a crisis event say, by flavour.
EVENT_TEXTS = {
    "flash_flood": {
        "ms": ["Air naik mendadak kat {place}, dah paras lutut!",
               "Banjir kilat di {place}, kereta tak boleh lalu",
               "Tolong, rumah kami dinaiki air di {place}",
               "Mangsa banjir dipindahkan ke PPS {place}",
               "Air sungai melimpah, kampung {place} tenggelam",
               "Bomba tengah pindahkan orang tua kat {place}",
               "Banjir makin teruk {place}, air masuk rumah"],
        "en": ["Flash flood in {place}, water rising fast",
               "Our house in {place} is flooding, need help",
               "Evacuation centre opened in {place}"],
        "mix": ["Weh banjir kilat kat {place}, air naik laju gila",
                "Stuck dalam kereta, air dah naik {place}, tolong"],
        "zh": ["{place}水灾了，水涨得很快", "{place}的房子淹水了，需要帮忙"],
        "ta": ["{place} பகுதியில் திடீர் வெள்ளம்"],
    },
    "flood_road": {
        "ms": ["Jalan {road} ditutup sebab banjir", "Elakkan {road}, air bertakung tinggi",
               "Kenderaan ringan tak boleh lalu {road}",
               "{road} dinaiki air, guna jalan alternatif"],
        "en": ["{road} closed due to flooding", "Avoid {road}, flooded"],
        "mix": ["{road} banjir, jangan lalu guys"],
        "zh": ["{road}淹水，封路了"],
    },
    "storm": {
        "ms": ["Hujan lebat tak berhenti kat {place} dari tengah hari",
               "Amaran hujan lebat tahap bahaya untuk {place}",
               "Ribut petir kuat kat {place}, bekalan elektrik terputus"],
        "en": ["Non-stop heavy rain in {place}", "Danger-level rain warning for {place}"],
        "mix": ["Hujan gila-gila kat {place}, langit gelap macam malam"],
        "zh": ["{place}一直下大雨"],
    },
    "river_rising": {
        "ms": ["Paras air sungai {place} makin naik, dah tahap waspada",
               "JPS kata sungai di {place} hampir paras bahaya",
               "Penduduk {place} diminta bersiap untuk berpindah",
               "Air mula masuk ke halaman rumah di {place}"],
        "en": ["River at {place} now at alert level", "Residents of {place} told to prepare"],
        "mix": ["Sungai {place} naik slowly tapi tak turun-turun, risau"],
        "zh": ["{place}河水一直涨，快到危险水平了"],
    },
    "water_outage": {
        "ms": ["Paip utama pecah, air terputus satu taman di {place}",
               "Dah {n} jam takde air kat {place}, bila nak pulih?",
               "{water_op} tolong la, {place} langsung takde air",
               "Gangguan air mengejut di {place}, tak ada notis pun",
               "Orang ramai beratur ambil air lori tangki di {place}"],
        "en": ["Burst pipe in {place}, no water at all",
               "No water in {place} for {n} hours, no notice from {water_op}"],
        "mix": ["Water cut mengejut kat {place}, {water_op} senyap je",
                "Paip pecah depan {place}, air membazir, rumah takde air"],
        "zh": ["{place}突然停水，水管爆了"],
        "ta": ["{place} பகுதியில் திடீரென தண்ணீர் நிறுத்தம்"],
    },
    "traffic_jam": {
        "ms": ["Kemalangan besar di {road}, semua lorong tersekat",
               "Lori terbalik di {road}, sesak sampai {place}",
               "{road} lumpuh sekarang, jangan lalu",
               "Dah sejam tak bergerak di {road}"],
        "en": ["Major crash on {road}, all lanes blocked",
               "{road} at a standstill after a lorry overturned"],
        "mix": ["{road} totally stuck, accident besar"],
        "zh": ["{road}发生大车祸，全部塞住"],
    },
    "landslide": {
        "ms": ["Tanah runtuh di {road}, jalan ditutup sepenuhnya",
               "Cerun runtuh dekat {place}, kenderaan tersekat",
               "JKR tutup {road} selepas tanah runtuh"],
        "en": ["Landslide on {road}, road fully closed"],
        "mix": ["Landslide kat {road}, kena pusing jauh"],
        "zh": ["{road}土崩，道路封闭"],
    },
    "scam_wave": {
        "ms": ["Ramai dapat SMS kononnya dari {agency} minta klik link, SCAM!",
               "Saya kena tipu RM{amount} lepas klik link bantuan tunai",
               "Akaun bank dikosongkan lepas isi borang dalam link tu",
               "Group WhatsApp penuh dengan link palsu {agency}",
               "Jangan klik link semakan bantuan, akaun saya kena godam"],
        "en": ["Everyone is getting fake {agency} SMS with a link, it's a scam",
               "Lost RM{amount} after clicking the aid link, bank account drained"],
        "mix": ["Link {agency} tu fake, kawan dah kena RM{amount}"],
        "zh": ["很多人收到假{agency}短信，千万不要点", "点了链接，银行户口被盗"],
        "ta": ["போலி {agency} குறுஞ்செய்தி, இணைப்பை அழுத்த வேண்டாம்"],
    },
    "food_poisoning": {
        "ms": ["Ramai murid {school} muntah-muntah lepas makan di kantin",
               "Anak saya dimasukkan ke hospital, keracunan makanan di {school}",
               "Lebih {n}0 pelajar {school} dirawat, apa jadi?",
               "Ibu bapa berkumpul di {school}, anak-anak sakit perut"],
        "en": ["Dozens of pupils at {school} fell ill after lunch",
               "Suspected food poisoning at {school}, kids sent to hospital"],
        "mix": ["Food poisoning kat {school}, anak kawan pun kena"],
        "zh": ["{school}很多学生食物中毒", "孩子在学校吃了午餐后呕吐"],
        "ta": ["{school} மாணவர்களுக்கு உணவு நஞ்சு"],
    },
    "dengue": {
        "ms": ["Kes denggi melonjak di {place}, jiran dah 3 orang masuk wad",
               "Wad hospital {place} penuh dengan pesakit denggi",
               "Demam panas, platelet rendah, doktor kata denggi"],
        "en": ["Dengue cases surging in {place}", "Hospital ward in {place} full of dengue cases"],
        "mix": ["Denggi teruk kat {place}, fogging please"],
        "zh": ["{place}骨痛热症病例增加"],
    },
    "flu_wave": {
        "ms": ["Ramai demam dan batuk kat {place} minggu ni",
               "Klinik penuh dengan pesakit selsema, tunggu 5 jam",
               "Sekolah di {place} ramai murid tak hadir sebab demam"],
        "en": ["So many people down with flu in {place}", "Clinics overflowing with flu cases"],
        "mix": ["Satu office demam, influenza ke ni?"],
        "zh": ["{place}很多人发烧咳嗽"],
        "ta": ["{place} பலருக்கு காய்ச்சல்"],
    },
    "app_outage": {
        "ms": ["{app} tak boleh login langsung dari tadi",
               "{app} down ke? Asyik keluar error",
               "Sistem {app} gagal, tak boleh buat bayaran",
               "Dah cuba banyak kali, {app} still tak boleh buka"],
        "en": ["Is {app} down? Can't log in at all", "{app} keeps crashing, payment failed"],
        "mix": ["{app} down lagi, urgent nak guna ni", "Error 500 kat {app}, apa cerita?"],
        "zh": ["{app}当机了，不能登入"],
        "ta": ["{app} வேலை செய்யவில்லை"],
    },
    "portal_charge": {
        "ms": ["Bayar {fee} sekali tapi kena potong dua kali!",
               "Portal {fee} caj berganda, duit belum dipulangkan",
               "Ramai kena caj dua kali untuk {fee} hari ni",
               "Sistem bayaran {fee} rosak, resit tak keluar tapi duit tolak"],
        "en": ["Charged twice for my {fee} today",
               "Payment portal double-charged everyone for {fee}"],
        "mix": ["Kena double charge {fee}, refund bila?"],
        "zh": ["付{fee}被扣两次钱"],
    },
    "portal_slow": {
        "ms": ["Portal {agency} sangat perlahan, tak boleh hantar borang",
               "Dah 2 jam cuba, laman {agency} asyik timeout"],
        "en": ["{agency} portal extremely slow, can't submit"],
        "mix": ["Website {agency} slow gila, deadline dah dekat"],
    },
    "checkpoint_jam": {
        "ms": ["Sistem di CIQ rosak, beratur berjam-jam",
               "Tambak lumpuh, kenderaan tak bergerak langsung",
               "Autogate CIQ tak berfungsi, sesak teruk"],
        "en": ["Checkpoint system down, hours of queues at CIQ",
               "Causeway at a standstill, immigration system down"],
        "mix": ["CIQ system down, stuck 3 jam dah"],
        "zh": ["关卡系统坏了，排队好几个小时"],
    },
    "school_closure": {
        "ms": ["Bumbung {school} runtuh, murid dipindahkan",
               "{school} ditutup serta-merta, ibu bapa diminta ambil anak",
               "Ramai ibu bapa di luar {school}, apa berlaku?"],
        "en": ["Roof collapsed at {school}, pupils evacuated"],
        "mix": ["{school} tutup mengejut, parents kelam-kabut"],
        "zh": ["{school}屋顶倒塌，学生被疏散"],
    },
    "rail_disruption": {
        "ms": ["{line} tergendala, penumpang tersekat dalam tren",
               "Tren {line} berhenti lama antara stesen, panas"],
        "en": ["{line} service disrupted, passengers stuck"],
        "mix": ["{line} breakdown lagi, jalan kaki ke stesen"],
    },
}

# False claims for rumours: the base line; generate.py copies it with small edits.
RUMOURS = {
    "water_cut_hoax": "Air Selangor umum gangguan bekalan air 5 hari bermula esok di seluruh "
                      "Lembah Klang, simpan air sekarang",
    "dam_hoax": "Empangan Kenyir retak dan akan pecah malam ini, penduduk Kuala Terengganu "
                "diminta pindah segera",
    "school_hoax": "KPM arah semua sekolah ditutup esok kerana wabak baru, ibu bapa jangan "
                   "hantar anak",
    "medicine_hoax": "Ubat demam yang dijual di farmasi mengandungi bahan beracun, 3 kanak-kanak "
                     "meninggal di Johor Bahru",
    "app_leak_hoax": "MySejahtera dah bocor, semua data IC dijual, padam app sekarang dan tukar "
                     "kata laluan bank",
}

# Word swaps the copies make (each pair is used both ways).
RUMOUR_SWAPS = [("sekarang", "segera"), ("segera", "cepat"), ("esok", "besok"),
                ("semua", "seluruh"), ("diminta", "disuruh"), ("meninggal", "mati"),
                ("jangan", "jgn"), ("dan", "&"), ("kerana", "sebab"), ("akan", "bakal"),
                ("malam ini", "malam ni"), ("mengandungi", "ada"), ("data", "maklumat")]
FORWARD_PREFIXES = ["Fwd: ", "Forwarded as received: ", "Dari group sebelah 👇 ",
                    "SHARE!! ", "Terima dari kawan: ", "转发: ", "Copy paste dari FB: ",
                    "Betul ke ni? ", "URGENT!!! ", "Sebarkan: ", ""]
DEBUNKS = ["Ini berita palsu, jangan sebar", "Dah disahkan tak benar oleh pihak berkuasa",
           "Fake news, please stop forwarding", "Semak dulu sebelum kongsi, ini hoaks",
           "假新闻，不要转发"]

# Viral clips and live streams: short jumps that are not crises.
SPIKE_TEXTS = {
    "ms": ["Video {subject} ni viral gila 😂", "Dah tengok video {subject}? Hahaha",
           "Live sekarang! {subject}", "Tak boleh berhenti gelak tengok {subject}",
           "Siapa rakam {subject} ni, kelakar", "{subject} trending sekarang"],
    "en": ["This {subject} video is everywhere lol", "Watching the {subject} live right now",
           "{subject} is trending 😂"],
    "mix": ["Video {subject} ni memang viral, lol", "Live {subject} best gila sekarang"],
    "zh": ["{subject}的视频爆红了😂"],
    "ta": ["{subject} வீடியோ வைரல் 😂"],
}

EMOJI = ["😡", "😭", "🙏", "😂", "⚠️", "😤", "🤦", "👍", "🥲", "😩"]
SHORTFORMS = [("tak ", "x "), ("yang ", "yg "), ("sudah ", "dah "), ("dengan ", "dgn "),
              ("kenapa", "knp"), ("sekarang", "skrg"), ("tolong", "tlg")]

# East-coast streams call it "road"; people say the same things.
TOPICS["road"] = TOPICS["traffic"]
