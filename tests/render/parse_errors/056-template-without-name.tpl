{{ template }}
