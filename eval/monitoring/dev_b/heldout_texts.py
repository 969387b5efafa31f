"""Text bank for the held-out monitoring streams (written by hand for this set).

Everything here is invented: template sentences with {slots}, slot vocabularies per
region, and small rewriting operators (abbreviations, dialect words, emoji, typos,
forwarding prefixes) so that two mentions built from one template rarely look identical
unless they are meant to (shares, rumour forwards, giveaway comments).

Languages: ms = Bahasa Melayu, en = English, mg = Manglish / mixed, zh = Chinese,
ta = Tamil.
"""
import re

# ----------------------------------------------------------------------------- slots
REGION_SLOTS = {
    "kelantan": {
        "place": ["Kota Bharu", "Pasir Mas", "Tumpat", "Kuala Krai", "Tanah Merah", "Machang",
                  "Pasir Puteh", "Bachok", "Rantau Panjang", "Gua Musang", "Jeli",
                  "Pengkalan Chepa", "Wakaf Bharu", "Ketereh", "Dabong", "Kubang Kerian"],
        "kampung": ["Kg Manek Urai", "Kg Laloh", "Kg Kuala Pak Amat", "Kg Pasir Pekan",
                    "Kg Bunut Susu", "Kg Chabang Empat", "Kg Sireh", "Kg Banggol",
                    "Kg Tanjung Mas", "Kg Kusial", "Kg Tualang", "Kg Pulau Chondong",
                    "Kg Kemubu", "Kg Salor", "Kg Tok Uban"],
        "river": ["Sg Kelantan", "Sg Golok", "Sg Galas", "Sg Lebir", "Sg Nenggiri", "Sg Pergau"],
        "road": ["Jalan Kuala Krai", "Jalan Pasir Mas-Rantau Panjang", "Jalan Kota Bharu-Machang",
                 "Jalan Tanah Merah", "Jalan Pengkalan Chepa", "Jalan Gua Musang"],
        "school": ["SK Manek Urai", "SMK Kuala Krai", "SK Pasir Pekan", "SMK Tanah Merah",
                   "SK Kubang Kerian", "SMK Tumpat", "SK Bunut Susu", "SMK Machang"],
        "water_co": ["Air Kelantan", "AKSB"],
        "power_co": ["TNB"],
        "station": ["stesen bas Kota Bharu", "hentian Tanah Merah"],
        "hospital": ["HRPZ II", "Hospital Kuala Krai", "Hospital Tanah Merah"],
    },
    "klang": {
        "place": ["Shah Alam", "Petaling Jaya", "Subang Jaya", "Klang", "Puchong", "Cheras",
                  "Kajang", "Ampang", "Setapak", "Bangsar", "Sri Petaling", "Gombak", "Rawang",
                  "Seri Kembangan", "Bandar Sunway", "Kepong", "Wangsa Maju", "Cyberjaya",
                  "Putrajaya", "Sentul", "Kota Damansara", "Bukit Jalil"],
        "kampung": ["Kg Baru", "Kg Datuk Keramat", "Kg Melayu Subang", "Kg Sungai Penchala",
                    "Taman Sri Muda", "Kg Bohol", "Taman Sri Gombak"],
        "river": ["Sg Klang", "Sg Gombak", "Sg Langat", "Sg Damansara"],
        "road": ["Federal Highway", "LDP", "NPE", "MRR2", "Jalan Duta", "SPRINT", "DUKE",
                 "Jalan Kuching", "KESAS", "Jalan Tun Razak", "Jalan Klang Lama", "Jalan Ipoh"],
        "station": ["KL Sentral", "Masjid Jamek", "Pasar Seni", "Kelana Jaya", "Ampang Park",
                    "KLCC", "Dang Wangi", "Taman Jaya", "Asia Jaya", "Universiti", "Bangsar",
                    "Kerinchi", "Gombak", "Wangsa Maju", "Subang Jaya"],
        "school": ["SMK Seksyen 9", "SK Taman Tun", "SMK Bandar Utama", "SJKC Puay Chai",
                   "SK Bukit Damansara", "SMK Cheras", "SJKT Vivekananda"],
        "water_co": ["Air Selangor"],
        "power_co": ["TNB"],
        "hospital": ["HKL", "Hospital Sungai Buloh", "Hospital Serdang", "PPUM"],
    },
    "penang": {
        "place": ["Georgetown", "Bayan Lepas", "Butterworth", "Bukit Mertajam", "Jelutong",
                  "Air Itam", "Tanjung Tokong", "Balik Pulau", "Gelugor", "Seberang Jaya",
                  "Perai", "Batu Maung", "Tanjung Bungah", "Nibong Tebal", "Sungai Ara",
                  "Batu Ferringhi", "Paya Terubong", "Bagan Ajam"],
        "kampung": ["Kg Jawa", "Kg Masjid Batu Maung", "Taman Free School", "Flat Rifle Range",
                    "Taman Bukit Jambul", "Kg Permatang Tok Kandu"],
        "river": ["Sg Pinang", "Sg Perai", "Sg Juru", "Sg Dua"],
        "road": ["Jambatan Pulau Pinang", "Jambatan Kedua", "Lebuhraya Tun Dr Lim Chong Eu",
                 "Jalan Masjid Negeri", "Jalan Air Itam", "Gurney Drive", "Jalan Sultan Azlan Shah",
                 "Jalan Bagan Luar"],
        "station": ["Pangkalan Raja Tun Uda", "Penang Sentral", "terminal feri Butterworth",
                    "Komtar"],
        "school": ["SJKC Chung Hwa", "SMK Penang Free", "SK Sungai Ara", "Tadika Ceria Gelugor",
                   "SJKT Ramakrishna", "Tadika Sinar Jelutong", "SMK Air Itam"],
        "water_co": ["PBAPP", "PBA"],
        "power_co": ["TNB"],
        "hospital": ["Hospital Pulau Pinang", "Hospital Seberang Jaya", "Hospital Balik Pulau"],
    },
    "sabah": {
        "place": ["Kota Kinabalu", "Sandakan", "Tawau", "Penampang", "Putatan", "Kudat",
                  "Keningau", "Ranau", "Lahad Datu", "Semporna", "Papar", "Tuaran", "Kota Belud",
                  "Beaufort", "Inanam", "Likas", "Kinarut", "Tenom"],
        "kampung": ["Kg Likas", "Kg Kinarut Laut", "Kg Kiulu", "Kg Bundu Tuhan", "Kg Sembulan",
                    "Kg Tanjung Aru"],
        "river": ["Sg Padas", "Sg Kinabatangan", "Sg Moyog", "Sg Tuaran"],
        "road": ["Jalan Tuaran", "Jalan Penampang", "Jalan Lintas", "Jalan Kota Belud",
                 "Jalan Tamparuli", "Lebuhraya Pan Borneo"],
        "station": ["terminal bas Inanam", "Jesselton Point"],
        "school": ["SMK Likas", "SK Inanam", "SMK Penampang", "SJKC Shan Tao", "SMK Tuaran"],
        "water_co": ["Jabatan Air Negeri Sabah", "JANS"],
        "power_co": ["SESB"],
        "hospital": ["Hospital Queen Elizabeth", "Hospital Duchess of Kent", "Hospital Tawau"],
    },
    "johor": {
        "place": ["Johor Bahru", "Skudai", "Batu Pahat", "Muar", "Kluang", "Segamat",
                  "Kota Tinggi", "Pasir Gudang", "Kulai", "Pontian", "Mersing", "Tangkak",
                  "Iskandar Puteri", "Larkin", "Tebrau", "Masai", "Labis", "Yong Peng",
                  "Gelang Patah", "Bukit Indah"],
        "kampung": ["Kg Jawa Segamat", "Kg Buloh Kasap", "Kg Tambang", "Kg Gemereh",
                    "Taman Yayasan", "Kg Sri Medan", "Kg Pogoh"],
        "river": ["Sg Muar", "Sg Segamat", "Sg Johor", "Sg Skudai", "Sg Batu Pahat"],
        "road": ["Tambak Johor", "Linkedua", "Lebuhraya Pasir Gudang", "EDL", "Jalan Skudai",
                 "PLUS Utara-Selatan", "Jalan Tebrau", "Jalan Segamat-Labis"],
        "station": ["BSI", "CIQ", "Larkin Sentral", "Bangunan Sultan Iskandar"],
        "school": ["SMK Taman Universiti", "SK Skudai", "SMK Segamat", "SMS Muar",
                   "SJKC Foon Yew", "SMK Kluang", "SBP Integrasi Batu Pahat", "MRSM Kota Tinggi"],
        "water_co": ["Ranhill SAJ", "SAJ"],
        "power_co": ["TNB"],
        "hospital": ["HSA", "Hospital Sultan Ismail", "Hospital Segamat", "Hospital Muar"],
    },
    "national": {
        "place": ["Alor Setar", "Ipoh", "Kuantan", "Kuala Terengganu", "Seremban", "Melaka",
                  "Kangar", "Kuching", "Miri", "Sibu", "Kota Bharu", "Shah Alam", "Johor Bahru",
                  "Kota Kinabalu", "Georgetown", "Taiping", "Temerloh", "Bintulu", "Klang",
                  "Batu Pahat", "Sungai Petani", "Teluk Intan"],
        "kampung": ["Kg Gajah", "Kg Raja", "Kg Seri Menanti", "Taman Tasik", "Kg Batu Buruk"],
        "river": ["Sg Pahang", "Sg Perak", "Sg Muda", "Sg Rajang"],
        "road": ["PLUS", "LPT2", "Lebuhraya Pan Borneo", "Jalan Ipoh-Lumut", "LPT1", "KL-Karak"],
        "station": ["TBS", "Larkin Sentral", "Hentian Kuantan"],
        "school": ["SMK Sultan Abdul Hamid", "SMK Anderson", "SMK Tengku Ampuan Rahimah",
                   "MRSM Kuantan", "SMK St Thomas", "SMK Sultan Ismail", "SBP Alam Shah",
                   "SMK Seri Permai", "SMK Convent Bukit Nanas"],
        "water_co": ["syarikat air"],
        "power_co": ["TNB"],
        "hospital": ["Hospital Sultanah Bahiyah", "HRPB Ipoh", "HTAA Kuantan", "Hospital Umum Sarawak"],
    },
}

COMMON_SLOTS = {
    "agency": ["PDRM", "LHDN", "Bank Negara", "Mahkamah", "Pos Malaysia", "JPJ", "KWSP", "SPRM",
               "Kastam", "KKM"],
    "bank": ["Maybank", "CIMB", "Bank Islam", "RHB", "Public Bank", "BSN", "Hong Leong",
             "AmBank", "Bank Rakyat", "Affin"],
    "courier": ["J&T", "Pos Laju", "Shopee Express", "Ninja Van", "DHL", "Flash Express"],
    "portal": ["MyTax", "e-Filing", "MyJPJ", "MySejahtera", "PADU", "SPA9", "i-Akaun", "MyEG"],
    "telco": ["Unifi", "Maxis", "CelcomDigi", "U Mobile", "Yes", "Time"],
    "ewallet": ["TNG eWallet", "Boost", "GrabPay", "ShopeePay", "MAE"],
    "food": ["nasi lemak", "roti canai", "char kway teow", "laksa", "nasi kerabu", "mee goreng",
             "nasi dagang", "cendol", "satay", "teh tarik", "nasi kandar", "bak kut teh",
             "tosai", "mee rebus", "ABC", "pisang goreng"],
    "team": ["Harimau Malaya", "JDT", "Selangor FC", "Kelantan", "Sabah FC", "Liverpool",
             "Man Utd", "Arsenal"],
    "day": ["Isnin", "Selasa", "Rabu", "Khamis", "Jumaat", "Sabtu", "Ahad"],
}


def amount(rng):
    return str(int(rng.choice([50, 80, 120, 150, 200, 350, 500, 800, 1200, 2500, 4800, 9000, 15000,
                               23000, 47000])))


def num(rng):
    return str(int(rng.integers(2, 60)))


def clock(rng):
    h = int(rng.integers(1, 12))
    return rng.choice([f"pukul {h}", f"{h}pm", f"{h}am", f"jam {h}", f"{h}.{int(rng.integers(0, 6))}0"])


def handle(rng):
    a = ["aina", "mohdfaiz", "kakyong", "sitinur", "ahmeng", "kumar", "jess", "budakkampung",
         "abglong", "nurul", "hafiz", "weiling", "priya", "zul", "farah", "kelvin", "amir",
         "syaz", "tokwan", "mimi", "raju", "liyana", "danial", "mei", "adik", "cikgu"]
    b = ["", "_", ".", "x", "_my", "official", "kb", "jb", "kk", "pg"]
    n = ["", str(int(rng.integers(1, 99))), str(int(rng.integers(1985, 2009)))]
    return "@" + rng.choice(a) + rng.choice(b) + rng.choice(n)


# ------------------------------------------------------------------ background texts
# topic -> lang -> templates.  Background chatter deliberately reuses crisis words now
# and then ("banjir", "down", "scam") so that single keywords are not a giveaway.
BG = {
    "flood": {
        "ms": ["Hujan tak henti dari semalam kat {place}, harap tak banjir la",
               "Paras air {river} masih normal pagi ni alhamdulillah",
               "Dah angkat barang ke atas siap-siap, musim tengkujuh ni",
               "Tahun lepas banjir teruk kat {kampung}, tahun ni harap selamat",
               "Ada sesiapa tahu jalan {place} ke {place} dinaiki air tak?",
               "Bilik gerakan banjir {place} dah dibuka ke belum?",
               "Beg kecemasan dah siap, dokumen semua masuk plastik",
               "Info paras sungai boleh semak kat portal banjir, update setiap jam",
               "Air bertakung sikit depan rumah, longkang tersumbat je rasanya",
               "Sekolah {school} jadi PPS tahun lepas, harap tahun ni tak perlu",
               "Latihan kesiapsiagaan banjir kat {place} hari ni, ramai juga datang",
               "Mak suruh balik kampung awal sebelum air naik, nak ikut ke tak",
               "Bot gentian kaca kampung kami dah dibaiki, standby je",
               "Ramalan MetMalaysia hujan berterusan {day} ni, berjaga-jaga"],
        "en": ["Heavy rain again in {place}, hope no flood this time",
               "Anyone know if the road to {place} is passable?",
               "Moved the car to higher ground just in case",
               "River level at {river} still okay as of {clock}",
               "Monsoon season is here, keep your emergency bag ready",
               "Flood drill at {school} today, good turnout"],
        "mg": ["Rain non-stop since morning lah, {place} sure got flash flood later",
               "Aiyo drain in front of my house clog again, water everywhere",
               "Every year also same, {place} low area kena one",
               "Got people know {road} can pass or not? Scared water high"],
        "zh": ["{place}又下大雨了，希望不要淹水", "雨季来了，大家注意安全",
               "听说{river}水位有点高，有人知道吗？", "车子先停高一点比较安心"],
        "ta": ["{place} இல் மீண்டும் கனமழை, வெள்ளம் வராமல் இருக்கட்டும்",
               "மழைக்காலம் தொடங்கியது, எல்லோரும் கவனமாக இருங்கள்"],
    },
    "weather": {
        "ms": ["Panas terik gila hari ni kat {place}", "Hujan lebat petang ni, jangan lupa payung",
               "Langit gelap je dari pagi, macam nak ribut", "Angin kuat kat {place}, dahan pokok patah",
               "Jerebu sikit pagi ni ke atau perasaan je?", "Sejuk pagi ni, best tidur",
               "Kilat sabung-menyabung kat {place}, takut nak keluar",
               "MetMalaysia keluarkan amaran ribut petir untuk {place}",
               "Baru nak jemur kain, terus hujan. Adoi",
               "Cuaca tak menentu minggu ni, kejap panas kejap hujan"],
        "en": ["So hot today in {place}, 35 degrees at least", "Thunderstorm warning for {place} this evening",
               "Haze seems to be back? Visibility quite low", "Lovely cool morning in {place}",
               "Rain rain go away, I just washed my car"],
        "mg": ["Walao the heat today really cannot tahan", "Hujan again, my laundry gone case",
               "Thunder so loud my cat hide under bed lah", "Weather damn weird this week one"],
        "zh": ["今天{place}好热", "下午雷雨，大家小心", "这几天天气很奇怪", "早上有点烟霾吗？"],
        "ta": ["இன்று மிகவும் வெப்பமாக உள்ளது", "மாலையில் இடியுடன் கூடிய மழை, கவனம்"],
    },
    "road": {
        "ms": ["Jem teruk kat {road} pagi ni, keluar awal", "Kemalangan kecil kat {road}, lorong kiri ditutup",
               "Lampu isyarat rosak kat simpang {place}, huru-hara", "Jalan berlubang depan {school} bahaya",
               "Kerja-kerja menurap jalan kat {road} sampai {day}", "Sesak sampai ke {place}, sabar je la",
               "Ada sekatan jalan raya kat {road} malam tadi", "Waze cakap 45 minit dari {place} ke {place}",
               "Motor terbalik kat {road}, hati-hati lalu situ", "Dah dua minggu lubang tu tak ditampal",
               "Trafik lancar pagi ni, pelik", "Tol {road} makin sesak waktu balik kerja"],
        "en": ["Traffic crawling on {road} again", "Accident near {place}, avoid {road} if you can",
               "Pothole on {road} almost broke my rim", "Roadworks on {road} causing long queues",
               "Smooth drive today, must be school holidays?"],
        "mg": ["Jam until cannot move lah {road}", "Who park double at {place} ah, very inconsiderate",
               "Every morning same jam at {road}, tired already", "Sotong drivers everywhere today"],
        "zh": ["{road}又塞车了", "{place}有车祸，大家绕道", "路上好多坑，修路修了好久"],
        "ta": ["{road} இல் கடும் போக்குவரத்து நெரிசல்", "{place} அருகே விபத்து, கவனமாக செல்லுங்கள்"],
    },
    "water": {
        "ms": ["Air paip keruh sikit pagi ni kat {place}", "Tekanan air rendah kat tingkat atas",
               "{water_co} ada notis gangguan bekalan terancang {day} ni",
               "Bil air bulan ni naik sikit, ada bocor ke?", "Tangki air kena cuci, dah berlumut",
               "Alhamdulillah air dah ada balik kat {place}"],
        "en": ["Water pressure weak in {place} today", "Scheduled water disruption notice from {water_co}",
               "Tap water a bit cloudy this morning, normal?"],
        "mg": ["Water pressure so weak lah, shower also like drizzle", "Water kena cut again ah {place}?"],
        "zh": ["{place}水压很低", "自来水有点黄，正常吗？"],
        "ta": ["{place} இல் தண்ணீர் அழுத்தம் குறைவு"],
    },
    "outage": {
        "ms": ["Internet {telco} slow gila malam ni", "Blackout kejap kat {place}, dah ok balik",
               "App bank tak boleh login, maintenance kot", "{portal} lembab pagi ni, sabar je",
               "Line {telco} hilang kat {place}, ada orang lain kena?",
               "{power_co} ada kerja penyelenggaraan kat {place} {day} ni",
               "Wifi rumah down sejak petang, dah call {telco}",
               "Sistem kaunter rosak, kena datang balik esok"],
        "en": ["{telco} down in {place}? No signal at all", "Power dipped for a few seconds, all clocks reset",
               "{portal} under maintenance tonight apparently", "Bank app down again during payday"],
        "mg": ["Wifi die again, {telco} pls lah", "Power trip sekejap, my PC restart, sien",
               "{portal} so slow, loading forever"],
        "zh": ["{telco}的网络好慢", "{place}刚刚停电一下", "{portal}又在维修"],
        "ta": ["{telco} இணையம் மிகவும் மெதுவாக உள்ளது", "{place} இல் சிறிது நேரம் மின்சாரம் இல்லை"],
    },
    "scam": {
        "ms": ["Dapat call kononnya dari {agency}, terus letak", "Hati-hati SMS '{bank}: akaun anda dibekukan' tu scam",
               "Mak hampir kena scam parcel {courier}, nasib sempat tanya",
               "Ada orang WhatsApp mengaku kawan lama minta pinjam duit",
               "Iklan kerja part-time like video dapat RM{amount} sehari, confirm scam",
               "Semak nombor kat Semak Mule sebelum transfer, jangan malas",
               "Pakcik kat {place} rugi RM{amount} sebab pelaburan emas palsu",
               "Call 997 kalau rasa kena scam, jangan tunggu"],
        "en": ["Got another Macau scam call pretending to be {agency}", "Fake {courier} parcel SMS again, ignore",
               "Friend lost RM{amount} to an investment scam on Telegram", "Always check Semak Mule before transferring",
               "Part-time job offers on WhatsApp are all scams"],
        "mg": ["Scam call again lah, this time say I got saman from {agency}",
               "Aiyo my aunty almost transfer RM{amount} to scammer", "Job offer like and share get money? Scam one lah"],
        "zh": ["又接到冒充{agency}的诈骗电话", "大家小心假{courier}包裹短信", "朋友被投资诈骗骗了{amount}令吉"],
        "ta": ["மோசடி அழைப்பு, {agency} என்று சொல்கிறார்கள், கவனமாக இருங்கள்",
               "இணைப்பைத் திறக்க வேண்டாம், அது மோசடி"],
    },
    "fees": {
        "ms": ["Yuran PIBG tahun ni berapa ya?", "Caj perkhidmatan naik lagi, pening",
               "Bayar saman JPJ dapat diskaun sampai {day} ni", "Harga barang naik, gaji sama je",
               "Yuran tadika anak RM{amount} sebulan, mahal ke murah?", "Tarif elektrik baru mula bulan depan ke?",
               "Cukai pintu {place} dah boleh bayar online", "Yuran asrama lewat bayar kena denda ke?"],
        "en": ["School fees are getting ridiculous", "New service charges again? Seriously",
               "Paid my assessment tax online, quick and easy", "Parking fees in {place} went up"],
        "mg": ["Everything also naik price, salary never naik", "Parking {place} now so expensive lah"],
        "zh": ["学费又涨了", "停车费太贵了吧", "门牌税可以网上付了"],
        "ta": ["பள்ளி கட்டணம் உயர்வு", "கட்டணம் அதிகமாக உள்ளது"],
    },
    "appointment": {
        "ms": ["Nak buat temujanji klinik {place}, slot penuh sampai bulan depan",
               "Renew IC kat JPN kena ambil nombor awal pagi", "Temujanji pakar HKL ditunda lagi",
               "Dah booking slot pasport online, senang rupanya", "Klinik kesihatan {place} ramai sangat hari ni",
               "Tunggu 3 jam kat farmasi hospital nak ambil ubat"],
        "en": ["Finally got a passport appointment slot", "Clinic queue in {place} is insane today",
               "Specialist appointment postponed again", "Online booking for JPN works well actually"],
        "mg": ["Queue at clinic so long, bring book to read", "Appointment slot all full lah, how"],
        "zh": ["护照预约终于成功了", "诊所排队排很久"],
        "ta": ["கிளினிக்கில் நீண்ட வரிசை", "சந்திப்பு நேரம் கிடைக்கவில்லை"],
    },
    "outbreak": {
        "ms": ["Musim demam ni, anak-anak jaga kesihatan", "Kes denggi kat {place} naik sikit minggu ni",
               "Fogging kat taman kami petang ni", "Jangan lupa basuh tangan, musim selesema",
               "Klinik cakap ramai kena batuk sekarang", "Ada notis gotong-royong cegah aedes {day} ni"],
        "en": ["Lots of people coughing at the office, flu season?", "Fogging in our area tonight",
               "Dengue cases up a bit in {place} apparently", "Wash your hands, folks"],
        "mg": ["Everyone in office sick sick, must be the weather", "Fogging smell so strong lah tonight"],
        "zh":["最近很多人感冒", "今晚我们花园有喷雾灭蚊", "骨痛热症病例增加了"],
        "ta": ["காய்ச்சல் காலம், கவனமாக இருங்கள்", "டெங்கி பரவுகிறது, சுத்தமாக வையுங்கள்"],
    },
    "school": {
        "ms": ["Hantar anak ke {school} pagi ni, jem depan pagar", "Kerja sekolah anak banyak gila",
               "Mesyuarat PIBG {school} {day} ni", "Anak dapat nombor 1 dalam kelas, bangga",
               "Cikgu {school} buat kelas tambahan untuk calon SPM", "Sukan tahunan {school} meriah",
               "Buku teks belum dapat lagi", "Bas sekolah lambat lagi hari ni",
               "Tahniah kepada pelajar {school} yang menang pertandingan"],
        "en": ["School run traffic at {school} is chaos", "So much homework for a 9 year old",
               "Parent-teacher meeting at {school} this week", "Proud of my kid today"],
        "mg": ["Homework so many lah, parents also need to do", "School bus late again, sien"],
        "zh": ["{school}门口又塞车", "孩子功课太多了", "家长会在星期六"],
        "ta": ["பள்ளிக்கு குழந்தைகளை அனுப்பினேன்", "வீட்டுப்பாடம் அதிகம்"],
    },
    "tax": {
        "ms": ["Dah isi e-Filing tahun ni? Jangan tunggu saat akhir", "Tuntut pelepasan cukai untuk buku dan gajet",
               "LHDN dah proses bayaran balik cukai saya, laju", "Lupa kata laluan MyTax, kena reset",
               "Resit perubatan simpan elok untuk pelepasan cukai", "Cukai jualan baru naik ke?"],
        "en": ["Filed my taxes early this year, feels good", "Don't forget lifestyle tax relief",
               "Tax refund came in fast this time", "Forgot my MyTax password again"],
        "mg": ["Tax season again, headache lah", "Got refund from LHDN, happy"],
        "zh": ["今年报税了吗？", "退税很快就到了"],
        "ta": ["வரி தாக்கல் செய்தீர்களா?"],
    },
    "transport": {
        "ms": ["LRT penuh gila pagi ni", "Bas {station} lambat 20 minit", "MRT lancar hari ni, terbaik",
               "Tren tersangkut kejap kat {station}, lepas tu ok", "Eskalator {station} rosak lagi",
               "Feri ke {place} ikut jadual hari ni", "Bas Rapid tak datang, naik Grab je la"],
        "en": ["Train packed this morning as usual", "Bus {station} late again", "Smooth commute today",
               "Escalator at {station} broken again"],
        "mg": ["LRT like sardine tin lah morning", "Bus driver skip my stop again, sien"],
        "zh": ["今天地铁好挤", "巴士迟到了二十分钟"],
        "ta": ["ரயிலில் அதிக கூட்டம்"],
    },
    "crime": {
        "ms": ["Kes pecah rumah kat {place} minggu lepas, hati-hati", "Ragut depan kedai {place}",
               "Rondaan polis makin kerap kat taman kami", "Motor jiran kena curi malam tadi",
               "Pasang CCTV dah rasa selamat sikit"],
        "en": ["Snatch theft near {place} market again", "Break-in at our neighbour's house last night",
               "More police patrols in {place} lately"],
        "mg": ["Neighbour motor kena curi again, scary lah", "Must lock gate properly these days"],
        "zh": ["{place}又有抢劫案", "邻居家被爆窃了"],
        "ta": ["{place} இல் திருட்டு, கவனமாக இருங்கள்"],
    },
    "general": {
        "ms": ["Sarapan {food} pagi ni, sedap", "Siapa tengok {team} malam tadi?", "Penat kerja hari ni",
               "Cuti panjang bila lagi", "Dah lama tak balik kampung", "Kopi o kosong satu",
               "Anak kucing jiran comel sangat", "Gaji masuk dah, alhamdulillah",
               "Kedai {food} baru buka kat {place}, ramai beratur", "Selamat pagi semua",
               "Malam ni nak makan apa ya", "Bosan duduk rumah je"],
        "en": ["Best {food} in {place}, fight me", "Did anyone watch {team} last night?",
               "Long week, need a holiday", "Good morning everyone", "Monday blues"],
        "mg": ["{food} here damn shiok", "{team} play like that also can lose, haiz",
               "Tired lah today", "Makan where tonight?"],
        "zh": ["今天早餐吃{food}", "昨晚{team}的比赛有看吗？", "好累啊", "周末去哪里玩？"],
        "ta": ["காலை வணக்கம்", "இன்று {food} சாப்பிட்டேன்", "வார இறுதியில் என்ன திட்டம்?"],
    },
}


# more background variety, added per topic and language
_MORE = {
    "road": {
        "ms": ["Dari {place} ke {place} ambil masa sejam lebih hari ni", "{road} sesak sebab ada lori rosak",
               "Polis trafik kawal simpang {place} pagi ni", "Jalan sempit kat {place}, dua kereta tak lepas",
               "Lori pasir tumpah muatan kat {road}", "Jalan licin lepas hujan, bawa perlahan kat {road}",
               "Sapa tahu jalan alternatif elak {road}?", "Parking kat {place} susah gila nak dapat",
               "Kerja paip kat {road}, satu lorong je dibuka", "Balik kerja {clock}, sampai rumah dah maghrib"],
        "en": ["Took me an hour from {place} to {place}", "Broken-down lorry on {road}, expect delays",
               "Anyone know a way around {road}?", "Parking in {place} is impossible today",
               "Road closure near {place} for an event", "Slippery roads after the rain on {road}, drive safe"],
        "mg": ["{road} jam like car park lah", "Waze also cannot help, {place} full jam",
               "Lorry break down middle of {road}, sien", "Parking at {place} so hard to find one"],
        "zh": ["{place}到{place}塞了一个小时", "{road}有罗里抛锚", "下雨后路很滑，{road}小心驾驶",
               "{place}很难找停车位", "{road}修水管，只开一条车道", "有谁知道怎样避开{road}？",
               "今天{road}很顺", "{place}的红绿灯又坏了"],
        "ta": ["{place} முதல் {place} வரை ஒரு மணி நேரம்", "{road} இல் லாரி பழுது", "மழைக்குப் பின் சாலை வழுக்கும், கவனம்"],
    },
    "general": {
        "ms": ["Minggu ni rasa panjang sangat", "Nak cari {food} sedap kat {place}, ada cadangan?",
               "Tengok bola malam ni kat mamak {place}", "{team} menang! Layan", "Kucing aku tidur je sepanjang hari",
               "Pasar malam {place} {day} ni ramai orang", "Dah makan? Jom {food}", "Hari {day} memang malas nak bangun"],
        "en": ["Any {food} recommendations in {place}?", "{team} won, what a night", "Pasar malam in {place} was packed",
               "Too lazy to cook, ordering {food}", "This week feels so long", "Weekend plans anyone?"],
        "mg": ["Jom lepak mamak {place} tonight", "{food} at {place} still the best one", "Wah {team} today play so good",
               "Weekend already? Fast lah"],
        "zh": ["{place}哪里有好吃的{food}？", "{team}赢了！", "今晚去{place}夜市", "懒得煮饭，叫{food}外卖",
               "这个星期好长", "{place}新开了一家{food}", "周末终于到了", "今天{day}，加油"],
        "ta": ["{place} இல் நல்ல {food} எங்கே?", "{team} வெற்றி!", "இந்த வாரம் மிகவும் நீளமாக உள்ளது"],
    },
    "weather": {
        "ms": ["Hujan renyai-renyai dari {clock} kat {place}", "Panas melampau, air cond tak rasa",
               "Ribut petang semalam tumbangkan pokok kat {place}", "Awan hitam dah berkumpul atas {place}"],
        "en": ["Dark clouds over {place}, rain coming", "Drizzling in {place} since {clock}", "Sweating buckets in {place} today"],
        "mg": ["{place} so hot until can fry egg", "Rain only at {place}, other side dry one"],
        "zh": ["{place}下毛毛雨", "{place}乌云密布，快下雨了", "热到冷气都没用", "昨天的暴风雨把{place}的树吹倒了"],
        "ta": ["{place} இல் மேகமூட்டம், மழை வரும்", "{place} இல் சாரல் மழை"],
    },
    "scam": {
        "ms": ["Mesej konon menang cabutan bertuah {bank}, minta bayar cukai dulu, tipu", "Nombor pelik call 3 kali dari pagi",
               "Penipuan pinjaman tanpa dokumen kat Facebook, jangan percaya", "Jangan bagi TAC kat sesiapa walaupun mengaku {agency}"],
        "en": ["Never share your TAC, not even with '{agency}'", "Fake loan ads on Facebook again", "Weird number called me 3 times today",
               "'You won a {bank} lucky draw' SMS is a scam"],
        "mg": ["Scammer call say from {bank}, I scold him back haha", "Loan ads no document need? Confirm scam one"],
        "zh": ["不要把TAC给任何人", "假的贷款广告又来了", "有陌生号码打了三次", "说中了{bank}抽奖的短信是骗局"],
        "ta": ["TAC எண்ணை யாருக்கும் கொடுக்காதீர்கள்", "போலி கடன் விளம்பரம், நம்ப வேண்டாம்"],
    },
    "fees": {
        "ms": ["Bil elektrik bulan ni RM{amount}, biar betul", "Yuran kelas tuisyen naik RM{amount}", "Kos sara hidup makin tinggi kat {place}"],
        "en": ["Electricity bill this month is RM{amount}, really?", "Tuition fees went up again", "Cost of living in {place} is getting crazy"],
        "zh": ["这个月电费{amount}令吉", "补习费又涨了", "{place}生活费越来越高", "什么都涨价，薪水不涨"],
        "ta": ["மின்சார கட்டணம் {amount} ரிங்கிட்", "வாழ்க்கைச் செலவு அதிகரிப்பு"],
    },
    "transport": {
        "ms": ["MRT ke {station} lancar pagi ni", "Tunggu bas feeder 30 minit kat {station}", "Tren terakhir dari {station} pukul berapa?",
               "Lif kat {station} rosak, kesian warga emas"],
        "en": ["Feeder bus at {station} took 30 min", "What time is the last train from {station}?", "Lift at {station} out of order again"],
        "mg": ["Feeder bus never come lah at {station}", "Train today ok leh, got seat some more"],
        "zh": ["{station}的接驳巴士等了三十分钟", "今天电车有位子坐", "{station}的电梯又坏了", "末班车是几点？"],
        "ta": ["{station} இல் பஸ் தாமதம்"],
    },
    "school": {"zh": ["{school}的运动会很热闹", "老师要家长签名", "课本还没有拿到", "校车今天又迟到"],
               "ms": ["Anak minta duit beli buku rujukan lagi", "Hari guru kat {school} meriah", "Pagi-pagi dah kena hantar anak ke {school}"]},
    "outage": {"zh": ["{place}网络断了", "银行app登入不了", "柜台系统坏了，明天再来"],
               "ms": ["Astro hilang siaran sebab hujan", "Line {telco} lemah kat {place} sejak minggu lepas"]},
    "appointment": {"zh": ["{place}诊所排队排很久", "专科预约又被延期", "终于预约到更新身份证"],
                    "ms": ["Ambil nombor giliran JPN {place} pukul 7 pagi", "Temujanji gigi anak minggu depan"]},
    "water": {"zh": ["{place}水压很低", "水费这个月有点高", "{water_co}说{day}会停水"]},
    "outbreak": {"ms": ["Anak demam sikit, bagi air banyak", "Musim batuk kat {place} ni"]},
    "tax": {"zh": ["报税网站有点慢", "医药收据要保存好扣税"],
            "ta": ["வரி திருப்பி கிடைத்தது, மகிழ்ச்சி", "{portal} கடவுச்சொல் மறந்துவிட்டேன்", "வரி தாக்கல் கடைசி நாள் எப்போது?"]},
    "transport_ta": None,
    "crime": {"zh": ["{place}最近治安不好", "装了CCTV比较安心"]},
    "flood": {"zh": ["{place}排水沟堵住了，一下雨就积水", "准备好紧急包了", "{road}积水，车子小心"]},
}
_MORE.pop("transport_ta")
_MORE["transport"]["ta"] += ["{station} இல் ரயில் தாமதம்", "இன்று ரயில் பயணம் சுலபமாக இருந்தது", "{station} லிஃப்ட் பழுது"]
_MORE["school"]["ta"] = ["{school} இல் பெற்றோர் கூட்டம்", "பள்ளி பேருந்து தாமதம்", "குழந்தைகளுக்கு வீட்டுப்பாடம் அதிகம் "]
_MORE["appointment"]["ta"] = ["{place} கிளினிக்கில் மூன்று மணி நேரம் காத்திருப்பு", "பாஸ்போர்ட் சந்திப்பு கிடைத்தது"]
_MORE["outage"]["ta"] = ["{portal} வேலை செய்யவில்லை", "{place} இல் இணையம் துண்டிப்பு"]
_MORE["water"]["ta"] = ["{water_co} {day} அன்று தண்ணீர் நிறுத்தம்", "குழாய் நீர் கலங்கலாக உள்ளது"]
_MORE["general"]["ta"] += ["வார இறுதி வந்துவிட்டது", "{place} இல் இரவு சந்தை", "இன்று மிகவும் சோர்வாக உள்ளது"]
for _t, _d in _MORE.items():
    for _l, _v in _d.items():
        BG[_t].setdefault(_l, []).extend(_v)

# ------------------------------------------------------------------ event scenarios
# crisis text sets: scenario -> lang -> templates
EV = {
    "flood_crisis": {
        "ms": ["Air dah masuk rumah kat {kampung}, {place}! Paras lutut dah",
               "Banjir teruk {place}, jalan ke {place} dah putus",
               "PPS {school} dah dibuka, mangsa banjir ramai sangat",
               "Tolong!! Ada warga emas terperangkap kat {kampung}, bot belum sampai",
               "Paras {river} dah lepas paras bahaya, penduduk diminta pindah",
               "Rumah mak kat {kampung} dah tenggelam separuh, tak boleh hubungi",
               "Sesiapa ada bot tolong ke {kampung}, ada budak kecil kat atas bumbung",
               "Kereta dah tenggelam depan rumah, air naik laju gila",
               "Bomba dan APM tengah pindahkan penduduk {kampung} sekarang",
               "Kami perlukan makanan dan air bersih di PPS {school}",
               "Air naik sekaki dalam sejam, {place} teruk ni",
               "{road} ditutup, air deras melintas jalan",
               "Ya Allah banjir kali ni lagi teruk dari tahun lepas, {kampung} habis",
               "Mangsa banjir {place} dah cecah {num} keluarga kat PPS"],
        "en": ["Flood water entered houses in {kampung}, {place}. Please send help",
               "Road from {place} to {place} cut off by flood",
               "My parents are stuck at {kampung}, water up to the windows",
               "Evacuation centre at {school} is full, need supplies",
               "{river} has burst its banks near {place}",
               "Water rising really fast in {place}, already knee deep inside"],
        "mg": ["Wah the water rising so fast at {place}, inside the house already liao",
               "Cannot go out already, whole {kampung} underwater",
               "Bro anyone got boat? {kampung} still got people inside",
               "{road} flood until cannot pass, don't come this way"],
        "zh": ["{place}水灾很严重，水已经进屋了", "{kampung}的居民被困，需要船只救援",
               "{river}河水泛滥，大家赶快撤离", "{road}淹水封路了"],
        "ta": ["{place} இல் வெள்ளம், வீட்டுக்குள் தண்ணீர் புகுந்தது",
               "{kampung} மக்கள் சிக்கியுள்ளனர், உதவி தேவை"],
    },
    "flash_flood": {
        "ms": ["Banjir kilat kat {place}, kereta dah tenggelam tayar", "{road} banjir kilat, elak lalu situ",
               "Basement parking kat {place} penuh air, habis kereta", "Air naik dalam 15 minit je kat {place}",
               "Hujan sejam terus banjir kilat {place}, longkang tak boleh tampung",
               "Motor hanyut kat {road}, ngeri", "Pekerja kedai kat {place} angkat barang, air masuk kedai"],
        "en": ["Flash flood at {road} again, traffic at standstill", "Cars stuck in flash flood near {place}",
               "Water up to the door of shops in {place}", "Basement car park in {place} is flooded"],
        "mg": ["Flash flood again {place}, my car almost kena", "Don't use {road}, water until waist lah"],
        "zh": ["{place}闪电水灾，车子都泡水了", "{road}淹水，不要走那边"],
        "ta": ["{place} இல் திடீர் வெள்ளம்"],
    },
    "power_outage": {
        "ms": ["Blackout kat {place} dah 2 jam, {power_co} bila nak baiki?", "Elektrik terputus satu {kampung}",
               "{power_co} potong bekalan sebab banjir ke?", "Gelap gelita satu taman, budak-budak menangis panas",
               "Dah call {power_co} tak dapat-dapat, talian sibuk", "Pencawang dinaiki air kat {place}, elektrik putus",
               "Lampu padam lagi kat {place}!! Baru je ada balik"],
        "en": ["Power outage in {place} for 2 hours now", "Whole {kampung} has no electricity",
               "{power_co} hotline keeps ringing, no answer", "Blackout again in {place}, just came back an hour ago"],
        "mg": ["Blackout until now, fridge all spoil liao", "Power cut again?! {place} what happen"],
        "zh": ["{place}停电了，好热", "又停电了！"],
        "ta": ["{place} இல் மின்சாரம் இல்லை"],
    },
    "water_cut": {
        "ms": ["Air paip tak ada sejak subuh kat {place}", "Loji air tenggelam, {water_co} umum gangguan bekalan",
               "Lori tangki air bila nak sampai {kampung}?", "Nak mandi anak pun tak ada air, tolong",
               "Beratur ambil air kat masjid {place}", "Dah 5 jam tak ada air, {water_co} senyap je",
               "Air tak ada, banjir pun ada, apa nasib"],
        "en": ["No water supply in {place} since morning", "Treatment plant flooded, no tap water in {place}",
               "Queueing for water tanker at {place}", "{water_co} please give an update, no water 5 hours"],
        "mg": ["No water liao, how to bathe the kids", "Tanker where? {kampung} waiting since morning"],
        "zh": ["{place}没有水供了", "排队等水车"],
        "ta": ["{place} இல் தண்ணீர் இல்லை"],
    },
    "scam_apk": {
        "ms": ["Hati-hati! Dapat mesej 'kad jemputan rumah terbuka' fail APK, jangan buka",
               "Kawan saya tekan APK kad raya, WhatsApp kena hack terus minta duit",
               "Akaun {bank} kakak kena kosongkan lepas install APK jemputan",
               "Group family penuh mesej jemputan_raya.apk dari nombor yang kena hack",
               "Jangan tekan fail .apk walaupun dari kawan, scam kad raya tengah berleluasa",
               "Pakcik saya rugi RM{amount} sebab APK kad raya, polis {place} dah terima banyak laporan",
               "Tolong maklumkan mak ayah, jangan install apa-apa APK jemputan",
               "Nombor saya kena hack, kalau dapat APK dari saya jangan buka!"],
        "en": ["Beware of APK raya invite files on WhatsApp, my uncle lost RM{amount}",
               "Got an .apk 'digital raya card' from a friend's number, it's a scam",
               "Scam wave: APK invitations draining bank accounts, don't install",
               "My mum's {bank} account emptied after opening an invite APK"],
        "mg": ["Don't open the raya card apk lah, my friend whatsapp kena hack",
               "So many scam apk this raya, everyday got new one",
               "Aunty group chat full of apk invite, please tell them jangan tekan"],
        "zh": ["收到开斋节请帖APK，千万不要打开，是诈骗", "朋友打开APK后WhatsApp被盗，跟大家借钱"],
        "ta": ["ராயா அழைப்பிதழ் APK மோசடி, திறக்க வேண்டாம்"],
    },
    "portal_down": {
        "ms": ["Portal {portal} down sejak pagi, nak isi borang pun tak boleh",
               "Error 503 bila login {portal}, dah sejam cuba", "{portal} tak boleh akses langsung",
               "Sistem {portal} gagal, orang beratur panjang kat kaunter {place}",
               "Bila {portal} nak up balik? Tarikh akhir dah dekat", "Refresh {portal} 20 kali, still loading",
               "Kaunter pun cakap sistem {portal} down, suruh datang esok",
               "{portal} down time waktu orang nak guna, memang la"],
        "en": ["Government portal down AGAIN, {portal} cannot login", "{portal} giving 503 errors all morning",
               "Is {portal} down for everyone or just me?", "Been trying {portal} for an hour, nothing loads"],
        "mg": ["{portal} down again lah, how to submit like that", "Whole office cannot access {portal}, kerja tergendala"],
        "zh": ["{portal}系统又当机了", "{portal}一直登入不了"],
        "ta": ["{portal} இணையதளம் வேலை செய்யவில்லை"],
    },
    "lrt_disruption": {
        "ms": ["LRT laluan Kelana Jaya gangguan, tren tersangkut antara {station} dan {station}",
               "Dah 40 minit tunggu kat {station}, tak ada tren langsung", "Platform {station} penuh gila, bas perantara tak cukup",
               "Orang terpaksa jalan atas landasan dekat {station}?? Bahaya", "Gangguan LRT lagi, lambat masuk kerja",
               "Rapid KL tolong update, {station} sesak teruk"],
        "en": ["LRT down again, stuck at {station}, gonna be late", "Rapid KL please update, {station} so packed",
               "Trains not moving between {station} and {station}", "Shuttle bus queue at {station} is massive"],
        "mg": ["LRT rosak again lah, stuck at {station} half hour already", "Grab surge pricing gila because LRT down"],
        "zh": ["轻快铁又出问题了，在{station}等了很久", "{station}人山人海，火车不动"],
        "ta": ["LRT சேவை பாதிப்பு, {station} இல் நீண்ட காத்திருப்பு"],
    },
    "water_pipe": {
        "ms": ["Paip utama pecah, {place} tak ada air sejak subuh", "{water_co} kata gangguan bekalan kat {place} dan {place}",
               "Tak ada air nak mandi sebelum kerja, teruk", "Lori air datang kat {kampung} tapi tak cukup",
               "Air putus lagi!! Baru je pulih tengah hari tadi"],
        "en": ["No water in {place} again, pipe burst near {road}", "{water_co} says main pipe burst, no ETA",
               "Water tanker queue in {place} is long", "Water cut again?! It just came back this afternoon"],
        "mg": ["No water lah, cannot even flush", "Pipe burst again near {road}, aiyo {water_co}"],
        "zh": ["{place}停水了，水管爆裂", "又停水了！下午才恢复", "等水车等了好久"],
        "ta": ["{place} இல் தண்ணீர் இல்லை, குழாய் உடைந்தது"],
    },
    "scam_sms_bill": {
        "ms": ["SMS palsu konon bil air tertunggak, minta klik link, jangan layan",
               "Dapat SMS '{water_co}: bil anda tertunggak RM{amount}', scam tu", "Ramai kena phishing SMS bil hari ni",
               "Jiran dah klik link bil palsu, akaun {bank} kosong"],
        "en": ["Got an SMS saying my water bill is overdue, link looks fishy", "{bank} phishing SMS going around today, lost RM{amount}",
               "Phishing texts pretending to be {water_co}, don't click"],
        "mg": ["Scam SMS say bill overdue, so many people kena today", "Don't click the bill link lah, fake one"],
        "zh": ["收到假短信说水费逾期，不要点链接", "今天很多人收到诈骗短信"],
        "ta": ["போலி குறுஞ்செய்தி, இணைப்பைத் திறக்க வேண்டாம்"],
    },
    "outbreak_hfmd": {
        "ms": ["{school} tutup seminggu sebab HFMD", "Anak demam, ada ruam tangan kaki, klinik {place} penuh",
               "Kes HFMD makin banyak kat {place}, jaga anak-anak", "Tadika kat {place} suruh budak duduk rumah",
               "Klinik kesihatan {place} ramai budak kecil demam"],
        "en": ["HFMD cases rising in {place}, kindy closed", "Two kids in my son's class have HFMD now",
               "Paediatric clinic in {place} is full of feverish kids"],
        "mg": ["HFMD going around again lah, kindy also close", "So many kids sick, clinic full until outside"],
        "zh": ["{place}幼儿园手足口病，孩子们都请假了", "很多小孩发烧长疹子"],
        "ta": ["குழந்தைகளுக்கு காய்ச்சல், மருத்துவமனையில் கூட்டம்"],
    },
    "exam_results": {
        "ms": ["Portal semakan SPM lambat gila, dah sejam tak dapat masuk", "SMS keputusan tak sampai lagi, anak dah risau",
               "Tak dapat semak result SPM, sistem down ke?", "Sekolah {school} pun tak boleh cetak slip sebab sistem",
               "Semua calon refresh serentak, memang la sangkut", "KPM tolong la, portal semakan tergendala",
               "Tahniah semua calon SPM walaupun sistem buat hal"],
        "en": ["SPM results portal jammed, please fix it", "Can't check results, site keeps timing out",
               "SMS results not received yet, anyone else?", "Congrats to all SPM candidates, despite the site crashing"],
        "mg": ["Result portal cannot load lah, my heart beating so fast", "Whole class refreshing the portal, sure crash"],
        "zh": ["SPM成绩网站进不去", "成绩短信还没收到"],
        "ta": ["SPM தேர்வு முடிவுகள் இணையதளம் வேலை செய்யவில்லை", "தேர்வு முடிவுகள் வரவில்லை"],
    },
    "scam_exam": {
        "ms": ["SMS 'semakan biasiswa lepasan SPM' minta IC dan nombor akaun, SCAM!",
               "Adik saya hampir kena scam tawaran biasiswa palsu", "Link palsu macam laman KPM, jangan klik",
               "Penipuan tawaran kemasukan IPT guna nama {agency}, hati-hati"],
        "en": ["Phishing link pretending to be the MOE results site, don't click", "Fake scholarship offers after SPM results, beware",
               "Scammers asking students for bank details for 'scholarship'"],
        "mg": ["Fake scholarship link everywhere lah, students please don't click", "Scam target SPM kids now, so evil"],
        "zh": ["假冒教育部的链接，骗学生资料", "假奖学金诈骗，大家小心"],
        "ta": ["போலி உதவித்தொகை மோசடி, கவனம்"],
    },
    "outbreak_flu": {
        "ms": ["Ramai pelajar asrama demam, {school} arahkan pakai pelitup", "Influenza A kat {school}, kelas anak saya separuh MC",
               "Anak demam tinggi, doktor kata influenza", "Klinik penuh budak sekolah batuk demam",
               "{school} tangguh aktiviti kokurikulum sebab ramai sakit"],
        "en": ["So many kids down with flu at {school}", "Influenza A going around schools in {place}",
               "Half my daughter's class on MC"],
        "mg": ["Flu everywhere lah, whole class MC", "Hostel kids all sick, school should close"],
        "zh": ["学校流感，很多学生请病假", "{place}流感病例增加"],
        "ta": ["பள்ளியில் காய்ச்சல் பரவுகிறது"],
    },
    "food_poison": {
        "ms": ["Pelajar asrama {school} muntah cirit-birit lepas makan tengah hari",
               "Ambulans keluar masuk {school}, keracunan makanan katanya", "Anak saya kat asrama {school} sakit perut, warden tak bagi info",
               "{num} pelajar {school} dihantar ke {hospital}", "Ibu bapa berkumpul depan {school}, risau",
               "Kantin {school} ditutup serta-merta"],
        "en": ["Food poisoning at {school} hostel, dozens of students sent to {hospital}",
               "Ambulances at {school}, parents rushing there", "My son at {school} is vomiting, no info from school"],
        "mg": ["Food poisoning at {school}, so many ambulance", "Hostel food again kena, parents very angry"],
        "zh": ["{school}食物中毒，很多学生送院", "家长都赶去学校了"],
        "ta": ["{school} இல் உணவு நச்சு, மாணவர்கள் மருத்துவமனையில்"],
    },
    "immigration_down": {
        "ms": ["Autogate {station} down, beratur 3 jam!", "Sistem imigresen {station} rosak, bas semua tersangkut",
               "Tambak sesak teruk sebab sistem imigresen tak jalan", "Pekerja ke Singapura lambat semua hari ni, sistem down",
               "Dah 2 jam dalam {station} tak bergerak"],
        "en": ["Immigration system down at {station}, queue out the door", "Autogates not working at {station}, 3 hour wait",
               "Stuck on the Causeway for 2 hours, immigration system failure"],
        "mg": ["System down at {station} again lah, late for work confirm", "Jam until cannot move, autogate rosak"],
        "zh": ["关卡系统当机，排队排到外面", "{station}自动闸门坏了"],
        "ta": ["{station} இல் ஆட்டோகேட் வேலை செய்யவில்லை, நீண்ட வரிசை"],
    },
    "water_tariff": {
        "ms": ["Bil air naik lagi?? {water_co} kena jelaskan", "Tarif baru ni tak masuk akal, rakyat dah susah",
               "Bil air rumah saya naik RM{amount}, dulu tak pernah macam ni", "Siapa setuju kenaikan tarif air ni?",
               "Wakil rakyat {place} kena suarakan isu bil air", "Caj air naik tapi air selalu putus"],
        "en": ["Water bill jumped this month, what's going on {water_co}?", "New water tariff is unreasonable",
               "Everyone in {place} complaining about the water bill"],
        "mg": ["Water bill naik so much, how to survive", "Bill air macam bill hotel lah"],
        "zh": ["水费又涨了，怎么活", "这个月水费贵了好多"],
        "ta": ["தண்ணீர் கட்டணம் உயர்வு, மக்கள் அதிருப்தி"],
    },
}

# spike (non-crisis) text sets
SPIKE = {
    "viral_flood_dance": {
        "ms": ["Hahaha pakcik menari atas rakit tengah banjir 😂😂", "Siapa rakam video ni, kelakar gila",
               "Viral gila video budak main rakit batang pisang", "Orang Kelantan memang relax bab banjir 🤣",
               "Dah tengok video pakcik menari? Terbaik", "Video ni buat hari saya"],
        "en": ["That uncle dancing on a raft in the flood video 😂", "This flood raft video is going viral lol"],
        "mg": ["The raft dance video damn funny lah 🤣", "Uncle very steady, flood also can dance"],
        "zh": ["这个视频笑死我了😂"], "ta": ["இந்த வீடியோ மிகவும் வேடிக்கை 😂"],
    },
    "viral_penang": {
        "ms": ["Video pakcik hawker marah pelanggan tu viral gila", "Hahaha pakcik char kway teow tu garang betul",
               "Dah tengok video hawker {place}? 😂"],
        "en": ["That hawker uncle video is everywhere lol", "Penang hawker rant video is gold 😂"],
        "mg": ["The uncle scold customer video damn funny lah", "Viral liao the hawker video 🤣"],
        "zh": ["那个小贩骂客人的视频好好笑😂", "槟城小贩视频红了"],
        "ta": ["இந்த வீடியோ வைரல் ஆகிவிட்டது 😂"],
    },
    "viral_causeway": {
        "ms": ["Video gaduh atas Tambak tu viral, malu betul", "Road rage kat {road}, dua-dua keluar kereta 🤦",
               "Dah tengok video gaduh kat Tambak?"],
        "en": ["That Causeway road rage video is everywhere", "Two drivers fighting on the Causeway, caught on camera"],
        "mg": ["Road rage video Causeway viral liao, so malu", "Uncle vs uncle at {road} lol"],
        "zh": ["新柔长堤吵架视频红了", "又是路霸，视频传开了"],
        "ta": ["சாலை சண்டை வீடியோ வைரல்"],
    },
    "viral_sabah_road": {
        "ms": ["Video kereta masuk longkang kat {place} viral bah 😂", "Kasihan tapi kelakar video tu",
               "Siapa rakam video kereta masuk parit tu?"],
        "en": ["Car in the drain video from {place} going viral", "That drain car video lol"],
        "mg": ["The car masuk longkang video so funny bah", "Viral already the drain video"],
        "zh": ["车子掉进沟渠的视频红了"], "ta": ["வீடியோ வைரல்"],
    },
    "minister_live_transport": {
        "ms": ["Salam YB dari {place}!", "YB, bila LRT nak stabil?", "Hadir 🙋", "Menonton dari {place}",
               "Live dah mula ke?", "Suara putus-putus", "Terima kasih YB", "YB tolong tambah bas ke {place}",
               "Jalan kat {place} banyak lubang YB", "👏👏👏"],
        "en": ["Watching from {place}", "Good session, thank you Minister", "Please improve the buses to {place}",
               "Audio keeps cutting out"],
        "mg": ["YB pls fix LRT lah", "Watching live from {place}"], "zh": ["部长加油", "从{place}观看"],
        "ta": ["நன்றி அமைச்சர்"],
    },
    "minister_live_school": {
        "ms": ["Salam Menteri dari {place}", "Hadir cikgu dari {school}", "YB bila nak kurangkan beban kerja guru?",
               "Menonton dari {place} 🙋", "Terima kasih Menteri", "Bila nak tambah cikgu kat {school}?",
               "Live dah start ke?", "Suara tak clear"],
        "en": ["Watching from {place}", "Thank you Minister", "Please look into teacher workload"],
        "mg": ["Minister pls reduce homework lah", "Watching live from {school}"],
        "zh": ["部长您好，从{place}观看"], "ta": ["நன்றி அமைச்சர்"],
    },
    "minister_live_sabah": {
        "ms": ["Salam dari {place} bah!", "Kotobian Tadau Tagazo do Kaamatan!", "Hadir 🙋", "Menonton dari {place}",
               "Terima kasih KM", "Jalan Pan Borneo bila siap?", "Air kat {place} selalu putus KM"],
        "en": ["Watching from {place}", "Happy Kaamatan everyone", "Please fix the water supply in {place}"],
        "mg": ["Watching live bah", "KM pls fix road {place}"], "zh": ["从{place}观看"], "ta": ["நன்றி"],
    },
}

GIVEAWAY = {
    "giveaway_telco": {"lead": ["Maaf atas gangguan!", "Sorry for the outage!"],
                       "extra": ["tapi line masih slow 😅", "harap tak putus lagi", "semoga menang"]},
    "giveaway_cgm": {"lead": ["Chap Goh Mei giveaway!", "元宵节抽奖"],
                     "extra": ["恭喜发财", "huat ah", "semoga menang"]},
    "giveaway_kaamatan": {"lead": ["Giveaway Kaamatan!", "Kotobian Tadau Tagazo"],
                          "extra": ["semoga menang bah", "Kotobian!", "pls pilih saya"]},
    "giveaway_ewallet": {"lead": ["Giveaway RM50!", "Free credit!"],
                         "extra": ["semoga menang", "pls pick me", "amin", "rezeki"]},
}

GIVEAWAY_CORE = ["Done!", "done", "Done ✅", "DONE!!!", "done 🎁", "Done 🙏", "Dah join!", "done!",
                 "Done, dah follow & share", "Join! 🙌", "done tag", "Done 🥰", "dah done", "Done ya",
                 "done✅✅", "Done!!"]

# rumours: near-identical claim sentences with swap tables
RUMOUR = {
    "rumour_dam": {
        "claims": {
            "ms": "Empangan Pergau retak, air akan dilepaskan malam ini. Penduduk Kuala Krai dan Tanah Merah diminta berpindah segera.",
            "en": "Pergau dam cracked, water will be released tonight. Kuala Krai and Tanah Merah residents must evacuate now.",
            "zh": "柏高水坝出现裂缝，今晚将会泄洪，瓜拉吉赖和丹那美拉居民请立刻撤离。",
        },
        "swaps": {"retak": ["retak", "pecah", "bocor", "dah retak"], "malam ini": ["malam ini", "malam ni", "mlm ni", "sebelum subuh"],
                  "berpindah segera": ["berpindah segera", "pindah sekarang", "keluar rumah segera", "berpindah SEKARANG"],
                  "Penduduk": ["Penduduk", "Semua penduduk", "Warga"], "cracked": ["cracked", "is cracking", "has a crack"],
                  "tonight": ["tonight", "before dawn", "in a few hours"]},
        "debunk": ["PALSU: {power_co} sahkan Empangan Pergau selamat, tiada pelepasan air luar biasa",
                   "Berita empangan pecah tu tak betul, jangan sebarkan", "Fake news about Pergau dam, police report lodged",
                   "Jangan panik, mesej empangan retak tu palsu, semak sumber rasmi"],
    },
    "rumour_bridge": {
        "claims": {
            "ms": "Jambatan Pulau Pinang retak, akan ditutup 3 hari mulai esok. Guna jambatan kedua atau feri.",
            "en": "Penang Bridge is cracked and will be closed for 3 days from tomorrow. Use the second bridge or ferry.",
            "zh": "槟城大桥出现裂缝，明天开始封闭三天，请改用第二大桥或渡轮。",
        },
        "swaps": {"retak": ["retak", "ada retakan", "rosak teruk"], "3 hari": ["3 hari", "tiga hari", "seminggu"],
                  "esok": ["esok", "pagi esok", "esok pagi"], "cracked": ["cracked", "damaged", "cracking"],
                  "3 days": ["3 days", "three days", "a week"], "三天": ["三天", "一个星期"]},
        "debunk": ["Jambatan Pulau Pinang selamat, berita retak itu palsu", "Penang Bridge is fine, the photo is from another country lah",
                   "假新闻！大桥没有裂缝", "Pengendali jambatan nafi jambatan ditutup, jangan sebar"],
    },
    "rumour_van": {
        "claims": {
            "ms": "Hati-hati, van putih culik budak sekolah di Taman Universiti Skudai, dah 3 kes minggu ni. Polis belum umum.",
            "en": "Be careful, a white van is kidnapping school kids in Taman Universiti Skudai, 3 cases this week. Police haven't announced it.",
            "zh": "小心！白色货车在士姑来大学城绑架学生，这个星期已经三宗，警方还没公布。",
        },
        "swaps": {"van putih": ["van putih", "van warna putih", "van Vellfire putih"], "culik": ["culik", "cuba culik", "menculik"],
                  "3 kes": ["3 kes", "tiga kes", "4 kes"], "Skudai": ["Skudai", "Skudai JB", "Skudai!"],
                  "white van": ["white van", "white Vellfire van", "white MPV"], "3 cases": ["3 cases", "three cases", "4 cases"]},
        "debunk": ["PDRM Johor sahkan tiada laporan culik, mesej van putih adalah palsu", "Police say the white van message is fake, stop sharing",
                   "Berita van putih tu cerita lama, jangan sebar", "警方说白色货车绑架是假消息"],
    },
}
RUMOUR_PREFIX = ["TULAR: ", "*TULAR* ", "Fwd: ", "Forwarded as received: ", "📢📢 ", "URGENT!! ",
                 "Dapat dari group surau: ", "Betul ke ni? ", "Forwarded many times\n", "Dari group WhatsApp taman: ",
                 "", "", "TULAR!! ", "Sekadar berkongsi: ", "PERHATIAN: "]
RUMOUR_SUFFIX = [" Sebarkan!", " Tolong share.", " Sila sebarkan kepada keluarga.", " 🙏🙏", " Jangan tunggu!",
                 "", "", " Share pls", " ‼️", " #tular", " Semoga Allah lindungi"]

EMOJI = {
    "flood": ["🌊", "😢", "🙏", "⛈️", "😰"], "weather": ["☀️", "🌧️", "⛈️", "🥵", "🌫️"], "road": ["🚗", "😤", "🚧", "🙄"],
    "water": ["🚰", "😩", "💧"], "outage": ["😤", "📵", "🔌", "😩"], "scam": ["⚠️", "🚨", "😡", "❗"],
    "fees": ["💸", "😓", "🤦"], "appointment": ["🏥", "⏳", "😮‍💨"], "outbreak": ["🤒", "😷", "🦟"],
    "school": ["📚", "🎒", "👏"], "tax": ["🧾", "💰"], "transport": ["🚆", "🚌", "😫"], "crime": ["🚓", "😨"],
    "general": ["😂", "👍", "🤣", "😋", "❤️", "😴"],
}
HASHTAGS = {
    "flood": ["#banjir", "#tengkujuh", "#PrayForKelantan", "#banjirkilat"], "weather": ["#cuaca", "#panas"],
    "road": ["#trafik", "#jem"], "water": ["#gangguanair"], "outage": ["#down", "#gangguan"], "scam": ["#scamalert", "#awas"],
    "fees": ["#kosSaraHidup"], "appointment": ["#klinik"], "outbreak": ["#kesihatan", "#denggi"], "school": ["#sekolah", "#SPM"],
    "tax": ["#LHDN", "#eFiling"], "transport": ["#LRT", "#RapidKL"], "crime": ["#jenayah"], "general": ["#random", "#makan"],
}

MS_ABBR = [(r"\btak\b", "x"), (r"\byang\b", "yg"), (r"\bsudah\b", "dah"), (r"\bdengan\b", "dgn"),
           (r"\bsaya\b", "sy"), (r"\bboleh\b", "blh"), (r"\bsekarang\b", "skrg"), (r"\borang\b", "org"),
           (r"\bdekat\b", "dkt"), (r"\bkat\b", "kt"), (r"\btolong\b", "tlg"), (r"\bhati-hati\b", "hati2"),
           (r"\bbudak-budak\b", "budak2"), (r"\bapa-apa\b", "apa2"), (r"\bmacam\b", "mcm"), (r"\bpagi\b", "pg"),
           (r"\bjangan\b", "jgn"), (r"\bbetul\b", "btul")]
DIALECT = {
    "kelantan": ([(r"\btak\b", "tok"), (r"\bsaya\b", "ambo"), (r"\bsangat\b", "sungguh"), (r"\bapa\b", "gapo"),
                  (r"\bkenapa\b", "bakpo"), (r"\bawak\b", "demo"), (r"\bkami\b", "kawe")], [" weh", " doh", " gak", " deh"]),
    "sabah": ([(r"\bsaya\b", "sia"), (r"\bkau\b", "ko"), (r"\bcakap\b", "bilang"), (r"\bkamu semua\b", "kamurang")],
              [" bah", " bah!", " ba", " kan"]),
    "johor": ([(r"\btak\b", "tak"), (r"\bsangat\b", "sangat")], [" ek", " je", " wei"]),
    "penang": ([(r"\bawak\b", "hang"), (r"\bsaya\b", "cek"), (r"\bsangat\b", "sangat")], [" noh", " la", " kot"]),
}
MG_PARTICLES = [" lah", " leh", " meh", " lor", " sia", " liao", " one", " bro"]


# frames around a sentence, per language: (openers, closers)
FRAMES = {
    "ms": (["Pagi ni,", "Guys,", "Serius,", "Update:", "Baru perasan,", "Untuk info,", "Ok la,", "Aduhai,",
            "Hmm", "Btw", "Kawan cakap", "Nak tanya,", "Oh ya,", "Haa", "Sebenarnya", "Korang,", "Wey",
            "Ingatkan,", "Kat {place} ni,", "Dari {place}:", "Dengar cerita,", "Apa nak jadi,"],
           ["macam biasa", "sampai bila?", "haih", "kan?", "rupanya", "{clock} tadi", "hari ni", "nasib baik",
            "huhu", "tak faham aku", "ada sesiapa sama?", "adoi la", "mcm mana ni", "sabar je la", "sekadar info",
            "penat dah", "betul tak?", "harap ok", "sob sob", "confirm", "tengok la nanti", "ish"]),
    "en": (["PSA:", "Honestly,", "Just saw this:", "Update:", "So,", "Ugh,", "FYI", "Heads up:", "Not gonna lie,",
            "Quick one:", "Okay so", "Random but", "From {place}:", "Anyone else?", "Well,"],
           ["again", "as usual", "smh", "anyone else?", "today", "at {clock}", "lol", "sigh", "just saying",
            "ugh", "fml", "haha", "thoughts?", "for real", "this week", "every single time"]),
    "mg": (["Eh", "Wah", "Alamak", "Aiyo", "Walao", "Bro", "Haiz", "Oi", "Aiya", "Sis", "Boss", "Eh guys"],
           ["lah", "one", "sia", "liao", "also", "what", "leh", "can or not", "damn sien", "ya", "haha",
            "lor", "confirm plus chop", "kan"]),
    "zh": (["", "刚刚", "今天", "说真的，", "朋友说", "提醒大家：", "哎呀，", "话说", "{place}这边", "请问"],
           ["", "唉", "哈哈", "吧", "真的", "怎么办", "！", "...", "大家觉得呢？", "无语", "好烦", "是不是"]),
    "ta": (["", "இன்று", "நண்பர்களே,", "தகவல்:", "{place}:"], ["", "!", "...", "நன்றி", "ஐயோ"]),
}


def frame(text, lang, rng, slots, p_open=0.35, p_close=0.35):
    op, cl = FRAMES.get(lang, FRAMES["ms"])
    if rng.random() < p_open:
        o = fill(str(rng.choice(op)), rng, slots)
        if o:
            text = o + ("" if lang == "zh" else " ") + (text[0].lower() + text[1:] if lang in ("ms", "en", "mg") and not text[:2].isupper() else text)
    if rng.random() < p_close:
        c = fill(str(rng.choice(cl)), rng, slots)
        if c:
            if lang == "zh":
                text = text.rstrip("。") + ("，" if c not in ("！", "...") else "") + c
            else:
                text = text.rstrip(".") + ("" if c in ("!", "...") else (", " if rng.random() < 0.5 else " ")) + c
    return text


def fill(tpl, rng, slots, pinned=None):
    def rep(m):
        k = m.group(1)
        if pinned and k in pinned:
            return pinned[k]
        if k == "amount":
            return amount(rng)
        if k == "num":
            return num(rng)
        if k == "clock":
            return clock(rng)
        vals = slots.get(k) or COMMON_SLOTS.get(k)
        return str(rng.choice(vals)) if vals else k
    return re.sub(r"\{(\w+)\}", rep, tpl)


def typo(s, rng):
    if len(s) < 8:
        return s
    i = int(rng.integers(1, len(s) - 2))
    op = rng.integers(0, 3)
    if op == 0:
        return s[:i] + s[i + 1] + s[i] + s[i + 2:]
    if op == 1:
        return s[:i] + s[i + 1:]
    return s[:i] + s[i] + s[i:]


def decorate(text, lang, topic, region, rng, emoji_p=0.3):
    """Rewriting operators: abbreviations, dialect, particles, case, emoji, hashtags, typos."""
    if lang == "ms":
        if rng.random() < 0.45:
            for pat, rep in MS_ABBR:
                if rng.random() < 0.6:
                    text = re.sub(pat, rep, text)
        d = DIALECT.get(region)
        if d and rng.random() < 0.35:
            for pat, rep in d[0]:
                if rng.random() < 0.7:
                    text = re.sub(pat, rep, text)
            if rng.random() < 0.5:
                q = "?" if text.endswith("?") else ""
                text = text.rstrip(".!?") + str(rng.choice(d[1])) + q
    ends_particle = text.rstrip(".!?").split(" ")[-1].lower() in {p.strip() for p in MG_PARTICLES} | {"lah", "lor", "ya", "kan"}
    if lang == "mg" and not ends_particle and rng.random() < 0.35:
        q = "?" if text.endswith("?") else ""
        text = text.rstrip(".!?") + str(rng.choice(MG_PARTICLES)) + q
    if lang in ("ms", "en", "mg"):
        r = rng.random()
        if r < 0.22:
            text = text.lower()
        elif r < 0.26:
            text = text.upper()
        if rng.random() < 0.12:
            text = text.rstrip(".") + str(rng.choice(["!!", "!!!", "...", " ??", "."]))
        if rng.random() < 0.06:
            text = typo(text, rng)
        if rng.random() < 0.05:  # stretched letters: tolonggg, lambattt
            words = text.split(" ")
            j = int(rng.integers(0, len(words)))
            if words[j].isalpha():
                words[j] = words[j] + words[j][-1] * int(rng.integers(2, 4))
            text = " ".join(words)
    if rng.random() < emoji_p:
        e = EMOJI.get(topic, EMOJI["general"])
        text = text + " " + "".join(rng.choice(e, size=int(rng.integers(1, 3))))
    if rng.random() < 0.07:
        text = text + " " + str(rng.choice(HASHTAGS.get(topic, HASHTAGS["general"])))
    return text


def pick_lang(rng, weights, available):
    langs = [l for l in weights if l in available]
    p = [weights[l] for l in langs]
    s = sum(p)
    return str(rng.choice(langs, p=[x / s for x in p])) if langs else "ms"


def compose(bank, lang, rng, slots, pinned=None, p_two=0.15):
    tpls = bank[lang]
    t = fill(str(rng.choice(tpls)), rng, slots, pinned)
    if len(tpls) > 2 and rng.random() < p_two:  # two sentences about the same topic
        t2 = fill(str(rng.choice(tpls)), rng, slots, pinned)
        if t2 != t:
            sep = "" if lang in ("zh",) else str(rng.choice([". ", ", ", " - ", "! ", ". "]))
            t = t.rstrip(".!") + sep + (t2 if lang != "en" or rng.random() < 0.5 else t2[0].lower() + t2[1:])
    return frame(t, lang, rng, slots)


def bg_text(topic, rng, region, langw):
    bank = BG[topic]
    lang = pick_lang(rng, langw, bank)
    t = compose(bank, lang, rng, REGION_SLOTS[region])
    return decorate(t, lang, topic, region, rng)


def crisis_text(scenario, topic, rng, region, langw, pinned=None):
    bank = EV[scenario]
    lang = pick_lang(rng, langw, bank)
    t = compose(bank, lang, rng, REGION_SLOTS[region], pinned, p_two=0.2)
    return decorate(t, lang, topic, region, rng, emoji_p=0.35)


def spike_text(scenario, topic, rng, region, langw):
    if scenario in GIVEAWAY:
        g = GIVEAWAY[scenario]
        t = str(rng.choice(GIVEAWAY_CORE))
        r = rng.random()
        if r < 0.35:
            t += " " + " ".join(handle(rng) for _ in range(int(rng.integers(1, 4))))
        elif r < 0.45:
            t += " " + str(rng.choice(g["extra"]))
        elif r < 0.5:
            t = str(rng.choice(g["lead"])) + " " + t
        return t
    bank = SPIKE[scenario]
    lang = pick_lang(rng, langw, bank)
    t = fill(str(rng.choice(bank[lang])), rng, REGION_SLOTS[region])
    t = frame(t, lang, rng, REGION_SLOTS[region], 0.2, 0.2)
    return decorate(t, lang, topic, region, rng, emoji_p=0.4)


def rumour_text(scenario, rng, region, langw, debunk=False):
    R = RUMOUR[scenario]
    if debunk:
        return decorate(fill(str(rng.choice(R["debunk"])), rng, REGION_SLOTS[region]), "ms", "general", region, rng, 0.2)
    lang = pick_lang(rng, {k: v for k, v in langw.items() if k in ("ms", "en", "zh")} or {"ms": 1}, R["claims"])
    s = R["claims"][lang]
    for w, alts in R["swaps"].items():
        if w in s and rng.random() < 0.5:
            s = s.replace(w, str(rng.choice(alts)), 1)
    if rng.random() < 0.15:
        s = typo(s, rng)
    if rng.random() < 0.1:
        s = s.lower()
    s = str(rng.choice(RUMOUR_PREFIX)) + s + str(rng.choice(RUMOUR_SUFFIX))
    if rng.random() < 0.25:
        s += " " + "".join(rng.choice(["⚠️", "😱", "🙏", "‼️", "📢"], size=int(rng.integers(1, 3))))
    return s


SHARE_REACT = ["Betul ke ni?", "Ya Allah", "omg", "真的吗?", "Hati-hati semua", "Ni la dia", "Share ya", "Serius ke",
               "Adoi", "Wah"]


def share_text(orig, rng):
    r = rng.random()
    if r < 0.35:
        return f"RT {handle(rng)}: {orig}"
    if r < 0.65:
        return orig
    if r < 0.78:
        return orig + " " + str(rng.choice(["👆", "‼️", "👇", "🙏"]))
    if r < 0.88:
        return str(rng.choice(["Share: ", "Kongsi: ", "转发: "])) + orig
    return str(rng.choice(SHARE_REACT)) + " " + orig
